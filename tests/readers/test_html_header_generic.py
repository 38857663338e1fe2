"""Authors, dek and title from the evidence every news publisher emits (no publisher's own markup).

Each page here is written for the test: invented people ("Ana Petrova", "Tomasz Wójcik") and an
invented outlet ("Riverside Chronicle"), the markup kinds that content systems in general produce.
"""

from __future__ import annotations

from tests.readers.html_pages import PROSE, ld, meta, page, read_meta

SITE_NAME = "Riverside Chronicle"
SITE = meta("og:site_name", SITE_NAME)
HEADLINE = "New Footbridge Opens Across the River After Three Years"
H1 = f"<h1>{HEADLINE}</h1>"
PUBLISHER = {"@type": "NewsMediaOrganization", "name": SITE_NAME}


def article(**fields) -> dict:
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE, **fields}


def person(name: str) -> dict:
    return {"@type": "Person", "name": name}


# ---------------------------------------------------------------- authors

def test_every_person_of_a_json_ld_author_list_and_not_the_publisher_beside_them(tmp_path):
    authors = [person("Ana Petrova"), person("Tomasz Wójcik"), PUBLISHER]
    head = SITE + ld(article(author=authors, publisher=PUBLISHER))
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova", "Tomasz Wójcik")


def test_json_ld_people_listed_by_id_in_a_graph(tmp_path):
    graph = {"@context": "https://schema.org", "@graph": [
        {**article(author=[{"@id": "#p1"}, {"@id": "#p2"}]), "@id": "#article"},
        {"@type": "Person", "@id": "#p1", "name": "Ana Petrova"},
        {"@type": "Person", "@id": "#p2", "name": "Tomasz Wójcik"}]}
    assert read_meta(tmp_path, page(SITE + ld(graph), H1)).authors == ("Ana Petrova", "Tomasz Wójcik")


def test_a_role_glued_to_the_name_in_the_visible_byline_is_cut(tmp_path):
    header = H1 + '<p class="byline">By Ana Petrova, Transit Reporter</p>'
    assert read_meta(tmp_path, page(SITE, header)).authors == ("Ana Petrova",)


def test_a_role_glued_to_the_name_in_json_ld_is_cut(tmp_path):
    head = SITE + ld(article(author=person("Ana Petrova, Senior Transit Correspondent")))
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova",)


def test_the_publisher_as_json_ld_author_gives_way_to_the_person_in_the_byline(tmp_path):
    head = SITE + ld(article(author=PUBLISHER, publisher=PUBLISHER))
    header = H1 + '<div class="article-byline">By <a href="/profile/ana-petrova">Ana Petrova</a></div>'
    assert read_meta(tmp_path, page(head, header)).authors == ("Ana Petrova",)


def test_a_collective_byline_beside_a_person_is_no_author(tmp_path):
    head = SITE + ld(article(author=[person("Ana Petrova"), person("Web Team Writers")]))
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova",)


def test_a_collective_json_ld_author_gives_way_to_the_person_in_the_meta_tags(tmp_path):
    head = SITE + ld(article(author=person("News Desk"))) + meta("author", "Ana Petrova", "name")
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova",)


def test_meta_author_holding_several_people_in_one_string(tmp_path):
    head = SITE + meta("author", "Ana Petrova, Tomasz Wójcik and Lena Berg", "name")
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova", "Tomasz Wójcik", "Lena Berg")


def test_meta_author_with_the_outlet_after_a_bar(tmp_path):
    head = SITE + meta("author", f"Ana Petrova | {SITE_NAME}", "name")
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova",)


def test_parsely_author_tags_one_per_person(tmp_path):
    head = SITE + meta("parsely-author", "Ana Petrova", "name") + meta("parsely-author", "Tomasz Wójcik", "name")
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova", "Tomasz Wójcik")


def test_itemprop_author_in_the_byline_with_a_name_inside(tmp_path):
    header = H1 + ('<div class="meta"><span itemprop="author" itemscope itemtype="https://schema.org/Person">'
                   '<span itemprop="name">Ana Petrova</span></span> and <span itemprop="author" itemscope '
                   'itemtype="https://schema.org/Person"><span itemprop="name">Tomasz Wójcik</span></span></div>')
    assert read_meta(tmp_path, page(SITE, header)).authors == ("Ana Petrova", "Tomasz Wójcik")


def test_a_place_after_each_name_is_cut(tmp_path):
    header = H1 + '<p class="byline">By Ana Petrova in Port Avel and Tomasz Wójcik in Gdańsk</p>'
    assert read_meta(tmp_path, page(SITE, header)).authors == ("Ana Petrova", "Tomasz Wójcik")


def test_a_wire_agency_beside_the_person_is_no_author(tmp_path):
    head = SITE + meta("author", "Ana Petrova, Northern Wire Service", "name")
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova",)


def test_a_job_title_glued_on_without_a_comma_is_cut(tmp_path):
    head = SITE + ld(article(author=person("Ana Petrova Senior Transit Correspondent")))
    assert read_meta(tmp_path, page(head, H1)).authors == ("Ana Petrova",)


def test_a_team_signature_alone_is_kept_as_the_page_signs(tmp_path):
    head = SITE + ld(article(author=person("The Riverside Gardens Team")))
    assert read_meta(tmp_path, page(head, H1)).authors == ("The Riverside Gardens Team",)


# ---------------------------------------------------------------- dek

def test_the_standfirst_element_after_the_headline_is_the_dek(tmp_path):
    dek = "Commuters get a covered crossing and ramps at both ends after years of delays."
    header = H1 + f'<div class="article__standfirst"><p>{dek}</p></div>'
    head = SITE + meta("og:description", "Read the latest news from the river towns.")
    assert read_meta(tmp_path, page(head, header)).subtitle == dek


def test_a_shown_description_under_the_headline_is_the_dek(tmp_path):
    dek = "Commuters get a covered crossing and ramps at both ends after years of delays."
    header = f'<header class="article-header">{H1}<p>{dek}</p></header>'
    head = SITE + meta("og:description", dek) + meta("description", dek, "name")
    assert read_meta(tmp_path, page(head, header)).subtitle == dek


def test_a_sign_up_box_in_the_body_is_no_dek(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in PROSE[:2])
    box = ('<div class="email-signup"><h3 class="email-signup-sub-heading">Get the stories that matter '
           'to your town, every weekday morning</h3><input type="email"></div>')
    header = f'<header>{H1}<p class="byline">By Ana Petrova</p></header><div class="story">{body}{box}{body}</div>'
    assert read_meta(tmp_path, page(SITE, header, prose=[])).subtitle is None


def test_a_picture_caption_marked_description_is_no_dek(tmp_path):
    caption = ('<div class="lead-image"><img src="bridge.jpg" alt=""><span class="description">The new crossing '
               'seen from the east bank on its first morning. File image</span></div>')
    header = f"<header>{H1}</header>{caption}"
    assert read_meta(tmp_path, page(SITE, header)).subtitle is None


def test_a_dek_marked_lower_in_the_body_is_no_dek(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    late = '<p class="summary">Councillors approved the budget for the next phase of the riverside works.</p>'
    header = f'<header>{H1}</header><div class="story">{body}{late}</div>'
    assert read_meta(tmp_path, page(SITE, header, prose=[])).subtitle is None


# ---------------------------------------------------------------- title

def test_title_tag_and_og_title_lose_the_site_name(tmp_path):
    head = f"<title>{HEADLINE} | {SITE_NAME}</title>" + meta("og:title", f"{HEADLINE} - {SITE_NAME}") + SITE
    assert read_meta(tmp_path, page(head, "<p>Riverside, 12 May</p>")).title == HEADLINE


def test_the_headline_that_the_declared_titles_agree_on(tmp_path):
    head = (f"<title>{HEADLINE} | {SITE_NAME}</title>" + meta("og:title", HEADLINE) + SITE
            + ld(article()))
    header = '<h1 class="headline">Footbridge opens</h1>'
    m = read_meta(tmp_path, page(head, header, prose=PROSE))
    assert m.title == HEADLINE


def test_a_shortened_h1_gives_way_to_the_whole_title_every_declaration_agrees_on(tmp_path):
    whole = f"{HEADLINE} in Record Time"
    head = (f"<title>{whole} | {SITE_NAME}</title>" + meta("og:title", whole) + SITE
            + ld({"@context": "https://schema.org", "@type": "Article", "headline": whole}))
    assert read_meta(tmp_path, page(head, H1)).title == whole


def test_a_shortened_h1_stays_when_the_declared_titles_disagree(tmp_path):
    head = (f"<title>{HEADLINE} in Record Time | {SITE_NAME}</title>" + meta("og:title", f"{HEADLINE} at Last")
            + SITE)
    assert read_meta(tmp_path, page(head, H1)).title == HEADLINE
