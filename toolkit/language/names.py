"""Titles, organisation words, places and common first names for telling people from the rest."""

from __future__ import annotations

# Capitalised words that stand before a name as a title or role ("Sen.", "Foreign Minister").
TITLES = set("""
Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Sen Sen. Senator Rep Rep. Gov Gov.
Governor President Vice Prime Minister Deputy Secretary General Gen Gen. Lt Lt. Col Col. Capt Capt. Sgt Sgt.
Cpl Cpl. Const Const. Det Det. Insp Insp. Supt Supt. Staff Chief Officer Commissioner Ambassador Premier Mayor
Councillor Coun. Councilman Councilwoman Alderman Judge Justice Pope King Queen Prince Princess Rev Rev. Father
Sister Brother Rabbi Imam Bishop Cardinal Archbishop Chairman Chairwoman Chair CEO Director Leader Speaker
MP MPP MLA Minister Party Foreign Interior Finance Defence Defense Health Justice Environment Immigration
Public Safety Attorney Solicitor Crown Assistant Associate Executive Managing Senior Junior Acting Interim
Former Conservative Liberal Democratic Republican Democrat Labour Green NDP Bloc Opposition Coach Head Grand
Inspector Sergeant Constable Corporal Captain Major Colonel Lieutenant Admiral Marshal Commander Dean Provost
Chancellor Affairs Relations Affairs President-elect Mayor-elect Supreme Superintendent Trustee Sheriff Detective Agent Special
Senate House Majority Minority Whip Party Caucus
""".split())

# Words whose presence makes a capitalised phrase an organisation.
ORG_WORDS = set("""
Ministry Department Dept University College School Institute Institution Association Society Foundation
Party Council Committee Commission Agency Authority Bureau Office Service Services Police Force Forces Army
Navy Corps Court Tribunal Board Bank Fund Group Inc Inc. Corp Corp. Corporation Company Co. Ltd Ltd. LLC PLC
Press News Times Post Journal Herald Gazette Star Globe Mail Tribune Radio Television TV Network Broadcasting
Media Magazine Review Times Telegraph Guardian Reuters Associated Centre Center Organization Organisation
Union Federation Alliance Coalition League Club Church Hospital Clinic Council Cabinet Parliament Senate
Assembly Congress Government Administration Embassy Consulate Initiative Program Programme Project Campaign
Movement Front Brigade Team Airlines Airways Railway Motors Systems Technologies Labs Laboratory Laboratories
Studio Studios Records Publishing Publishers Capital Partners Holdings Industries Enterprises Group Trust
Watch International Institute Academy Museum Library Council Secretariat Directorate Command Unit Division
Nations Conference Forum Summit Foundation Fund Charity Mission Services Exchange Market Markets Bureau
""".split())

# Countries, their capitals, provinces, states and large cities: enough to tell a place from a person.
PLACES = set("""
Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain
Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burkina
Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark
Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia
Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq
Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Korea Kosovo Kuwait Kyrgyzstan Laos Latvia
Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nauru
Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama Paraguay Peru Philippines
Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia
Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Trinidad Tunisia
Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe
Tibet Xinjiang Scotland England Wales Britain Europe Asia Africa America Americas Antarctica Oceania Eurasia
Arctic Caribbean Balkans Scandinavia Siberia Kashmir Crimea Gaza Hong Kong Macau
Alberta Manitoba Ontario Quebec Saskatchewan Nunavut Yukon Newfoundland Labrador Nova Scotia Brunswick
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana
Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana
Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Wisconsin Wyoming
Toronto Montreal Vancouver Calgary Edmonton Ottawa Winnipeg Halifax Regina Saskatoon Victoria Hamilton Kitchener
Waterloo Mississauga Brampton Gatineau Kingston Windsor Sudbury Moncton Fredericton Charlottetown Whitehorse
Yellowknife Iqaluit Surrey Burnaby Markham Oakville Barrie Guelph Cambridge Oshawa Quebec Laval Longueuil
London Paris Berlin Madrid Rome Lisbon Dublin Brussels Amsterdam Vienna Prague Warsaw Budapest Athens Moscow
Kyiv Kiev Minsk Oslo Stockholm Helsinki Copenhagen Geneva Zurich Munich Frankfurt Hamburg Milan Barcelona
Istanbul Ankara Cairo Tehran Baghdad Damascus Beirut Jerusalem Riyadh Dubai Doha Kabul Islamabad Karachi Delhi
Mumbai Dhaka Beijing Shanghai Shenzhen Guangzhou Wuhan Tokyo Osaka Seoul Pyongyang Manila Jakarta Bangkok Hanoi
Singapore Sydney Melbourne Brisbane Perth Auckland Wellington Washington Chicago Boston Seattle Denver Atlanta
Houston Dallas Miami Detroit Philadelphia Phoenix Baltimore Portland Minneapolis Cleveland Pittsburgh Brooklyn
Manhattan Hollywood Mexico Havana Bogota Lima Santiago Caracas Nairobi Lagos Johannesburg Astana Almaty Bishkek
Tashkent Dushanbe Ashgabat Urumqi Lhasa Karamay Korntal Taipei Kandahar Mosul Aleppo Tripoli Khartoum
U.S. U.K. US UK EU U.S.A. USA Ont. Ont Que. Que B.C. Alta. Sask. Man. N.S. N.B. P.E.I. Nfld. BC Texas Calif. Fla. Mass. N.Y. N.J. Ill. Wash.
""".split())
PLACE_PHRASES = {"New York", "Los Angeles", "San Francisco", "Las Vegas", "New Delhi", "Hong Kong", "Thunder Bay",
                 "New Zealand", "South Africa", "North Korea", "South Korea", "Saudi Arabia", "United States",
                 "United Kingdom", "Sri Lanka", "El Salvador", "Costa Rica", "Puerto Rico", "New Brunswick",
                 "Nova Scotia", "Prince Edward Island", "British Columbia", "Northwest Territories",
                 "Middle East", "Latin America", "North America", "South America", "Central Asia",
                 "East Asia", "Southeast Asia", "West Bank", "Quebec City", "St. John's", "New Jersey",
                 "New Mexico", "North Carolina", "South Carolina", "North Dakota", "South Dakota",
                 "West Virginia", "Rhode Island", "New Hampshire", "Sault Ste. Marie", "Niagara Falls",
                 "Red Deer", "Prince George", "Grande Prairie", "Fort McMurray", "Kuala Lumpur",
                 "Abu Dhabi", "Tel Aviv", "Buenos Aires", "Rio de Janeiro", "Sao Paulo", "Mexico City",
                 "Silicon Valley", "Wall Street", "Parliament Hill", "Capitol Hill", "Downing Street"}

# Demonyms and other capitalised adjectives that are not names.
ADJECTIVES = set("""
American Canadian British English French German Italian Spanish Portuguese Dutch Belgian Swiss Austrian Irish
Scottish Welsh Russian Ukrainian Polish Czech Hungarian Greek Turkish Chinese Japanese Korean Indian Pakistani
Afghan Iranian Iraqi Syrian Israeli Palestinian Lebanese Egyptian Saudi Mexican Brazilian Argentine Cuban
Haitian Somali Nigerian Kenyan African Asian European Arab Muslim Christian Jewish Catholic Protestant Hindu
Sikh Buddhist Indigenous Aboriginal Kazakh Uyghur Uighur Han Tibetan Soviet Western Eastern Northern Southern
Liberal Conservative Democrat Democratic Republican Federal Provincial National International Islamic Islamist
Australian Filipino Vietnamese Thai Swedish Norwegian Danish Finnish Kyrgyz Uzbek Tajik Mongolian Taiwanese
First Nations Inuit Métis Quebecois Québécois Ontarian Albertan Torontonian Texan Californian
""".split())

# Common first names with the pronoun they usually take ("m" or "f").
_MALE = """
Aaron Adam Adrian Ahmed Al Alan Albert Alex Alexander Alfonso Ali Alvin Andre Andrew Andy Anthony Antonio Arthur
Ben Benjamin Bernard Bill Billy Bob Bobby Brad Bradley Brandon Brent Brett Brian Bruce Bryan Calvin Cameron Carl
Carlos Chad Charles Charlie Chris Christian Christopher Chuck Clark Colin Connor Craig Dale Dan Daniel Danny Darren
Darrin Dave David Dean Dennis Derek Dominic Don Donald Doug Douglas Doug Drew Dustin Dwight Ed Eddie Edward Eric
Erik Ernest Evan Frank Fred Frederick Gary Gavin George Gerald Gerry Glen Glenn Gordon Graham Grant Greg Gregory
Harold Harry Henry Howard Hugh Ian Isaac Jack Jacob Jagmeet James Jamie Jared Jason Jay Jeff Jeffrey Jeremy Jerry
Jesse Jim Jimmy Joe Joel John Johnny Jon Jonathan Jordan Jose Joseph Josh Joshua Juan Justin Keith Ken Kenneth
Kevin Kyle Larry Lawrence Lee Leo Leonard Liam Louis Luke Marc Marco Mario Mark Martin Matt Matthew Max Michael
Mike Mohammed Muhammad Nathan Neil Nicholas Nick Noah Norman Oliver Omar Oscar Patrick Paul Pete Peter Phil Philip
Philippe Pierre Ralph Randy Ray Raymond Richard Rick Rob Robert Roberto Rod Roger Ron Ronald Ross Roy Russell Ryan
Sam Samuel Scott Sean Sergei Seth Shane Shawn Simon Stan Stanley Stephen Steve Steven Stuart Ted Terry Thomas Tim
Timothy Todd Tom Tommy Tony Travis Trevor Troy Tyler Victor Vincent Vladimir Walter Warren Wayne Will William Xavier
Zach Doug Omir Kayrat Kairat Nursultan Xi Vladimir Emmanuel Boris Recep Narendra Benjamin Jair Andres Rodrigo
Jean Luc Francois François Guy Yves Denis Gilles Stephane Stéphane Maxime Mathieu Justin Blaine Jody Rex Murray
Thomas Alvin Gerry Braiden Xander Darrin Ahmed Hussen Kamal Raj Sunil Vijay Amir Hassan Hussein Mustafa Yusuf
""".split()
_FEMALE = """
Abby Abigail Alexandra Alice Alicia Alison Allison Amanda Amber Amy Andrea Angela Ann Anna Anne Annie Ashley
Audrey Barbara Becky Beth Betty Beverly Bonnie Brenda Brittany Caitlin Carla Carmen Carol Caroline Carolyn
Catherine Cathy Celina Charlotte Cheryl Chloe Christina Christine Chrystia Cindy Claire Claudia Colleen Courtney
Crystal Cynthia Dana Danielle Deborah Debbie Denise Diana Diane Donna Doris Dorothy Elaine Eleanor Eleanore
Elizabeth Ella Ellen Emily Emma Erin Eva Evelyn Fiona Frances Gail Gina Grace Hannah Heather Helen Holly Irene
Isabel Jackie Jacqueline Jane Janet Janice Jasmine Jean Jennifer Jenny Jessica Jill Joan Joanne Jody Josephine
Joyce Judith Judy Julia Julie Karen Kate Katherine Kathleen Kathryn Kathy Katie Kelly Kim Kimberly Kristen
Laura Lauren Leah Linda Lisa Liz Lori Louise Lucy Lynn Madeline Maria Marie Marilyn Martha Mary Megan Melanie
Melissa Michelle Monica Nancy Natalie Nicole Nina Olivia Pamela Patricia Paula Rachel Rebecca Renee Rita Roberta
Rose Ruth Sally Samantha Sandra Sara Sarah Shannon Sharon Shirley Sophie Stephanie Susan Suzanne Tammy Tanya Teresa
Theresa Tiffany Tina Tracy Valerie Vanessa Victoria Virginia Wendy Yvonne Zoe Nargis Kathleen Jody Theresa
Rachel Catherine Michelle Melanie Ginette Jagmeet Hillary Angela Theresa Jacinda Christy Rachel Kellie Kristy
""".split()

FIRST_NAMES: dict[str, str] = {n: "m" for n in _MALE}
FIRST_NAMES.update({n: "f" for n in _FEMALE if n not in FIRST_NAMES})
FIRST_NAMES["Jagmeet"] = "m"

# Role and collective words of a byline that names no person ("Staff Writers", "Editorial Board",
# "News Desk", "Wire Services"): a byline phrase made only of these words is not an author.
COLLECTIVE_BYLINE_WORDS = frozenset("""
staff writer writers reporter reporters correspondent correspondents editor editors editorial editorials board
desk news newsroom team wire wires service services agency agencies bureau report reports contributor
contributors contributing special web online digital associated press the a an and of our from by for with
local national international foreign world business sports politics opinion features media partner partners
content sponsored syndicated newswire admin administrator webmaster guest author authors columnist columnists
staffer staffers produced published compiled written
""".split())

# Words that may start a capitalised run but are ordinary sentence words.
STOP_CAPS = set("""
The A An This That These Those It Its He She They We I You His Her Their Our My Your Some Many Most Several Few
All Both Each Every Any No Not But And Or Nor So Yet For If When While After Before Since Because Although Though
As At By In On Of To From With Without Into Onto Over Under About Above Below Between Among Through During Until
Also Then There Here What Which Who Whom Whose Why How Where Meanwhile However Still Even Just Only Now Today
Yesterday Tomorrow Last Next Earlier Later According Despite Instead Indeed Perhaps Maybe Yes Well Oh Please Thank
Thanks Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Once Like Unlike
Such Other Another More Less Much Can Could Will Would Should Must May Might Do Does Did Is Are Was Were Be Been
Has Have Had Let Don't It's That's There's Asked Told Said READ WATCH MORE Photo Credit Email Follow Advertisement
""".split())

# Units written in capitals, never an organisation ("512 GB", "2 TB", "3.2 GHz").
UNITS = set("""
KB MB GB TB PB EB KiB MiB GiB TiB Kbps Mbps Gbps MHz GHz THz kHz Hz mAh Ah kWh MWh GWh TWh kW MW GW TW
mm cm km kg mg ml mL dB dBA fps RPM rpm PSI psi BTU nm
""".split())

# Common nouns and gerunds that label things (table headers, page furniture, specification sheets):
# a capitalised phrase made of them is not a person's name ("Screen Size", "Monthly Cost").
COMMON_NOUNS = set("""
price prices pricing cost costs fee fees total subtotal plan plans feature features spec specs specification
specifications overview summary details detail support service services storage backup memory battery screen
display size weight dimensions capacity speed model models rating ratings verdict pros cons performance security
management recovery key starting monthly annual yearly free trial warranty design quality value
option options setting settings account accounts tool tools team teams product products category categories
type types status date time location contact address phone email website download version release update
updates review reviews score scores result results table chart figure source sources note notes data
""".split())
# Endings of common nouns that a given name or surname rarely has ("Recovery" aside, checked by COMMON_NOUNS).
NOUN_ENDINGS = ("tion", "tions", "sion", "sions", "ments", "ness", "ities", "ship", "ures", "ware")
