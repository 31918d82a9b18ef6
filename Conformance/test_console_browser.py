"""The web console in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`) driven by selenium. Signs in, browses a table, pages, edits, queries, runs
"view as" and the policy playground, reads the trail and moves the clock, checking what the
page shows. One server and one browser for the whole module. Writes docs/console.png."""
import json
import os
import shutil

import pytest

from conftest import ACCOUNT, ROOT, ROOT_KEY, create_table
from identity_helpers import make_role, make_user, role_arn, user_arn

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromium-driver are not installed")

VIEWER_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "OwnItem", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
     "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["alice"]}}},
    {"Sid": "PublicAttributesOfBob", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
     "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["bob"], "dynamodb:Attributes": ["player", "name"]},
                   "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}},
]}


@pytest.fixture(scope="module")
def setup(server):
    ddb = server.client()
    # A fixed name (the module's server is its own): the screenshot is the same on every run.
    table = "Games"
    create_table(ddb, table, hash_key=("player", "S"))
    for player, score in (("alice", "10"), ("bob", "20"), ("carol", "30")):
        ddb.put_item(TableName=table, Item={"player": {"S": player}, "name": {"S": player.title()}, "score": {"N": score},
                                            "secret": {"S": "s-" + player}})
    viewer, _ = make_user(server, user="viewer", policy=VIEWER_POLICY)
    # A role whose sessions read their own items: by web identity claim or by session tag.
    role = make_role(server, json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": "www.amazon.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}), policy={
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*", "Condition": {
            "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${www.amazon.com:user_id}", "${aws:PrincipalTag/userId}"]}}}]})
    return {"table": table, "viewer": viewer, "role": role}


@pytest.fixture(scope="module")
def browser(server):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1360,760"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def wait(driver, condition, timeout=15):
    return WebDriverWait(driver, timeout).until(condition)


def text_of(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def wait_text(driver, element_id, expected, timeout=15):
    """Waits until the element shows exactly `expected`; fails showing what it did show."""
    try:
        wait(driver, lambda d: d.find_element(By.ID, element_id).text == expected, timeout)
    except Exception:
        raise AssertionError("#%s shows %r (error box: %r), expected %r" % (
            element_id, text_of(driver, element_id), text_of(driver, "error"), expected))


def sign_in(driver, server, key=ROOT_KEY):
    driver.get(server.endpoint + "/_warden/console/")
    driver.execute_script("sessionStorage.clear()")
    driver.get(server.endpoint + "/_warden/console/")
    wait(driver, EC.visibility_of_element_located((By.ID, "akid")))
    driver.find_element(By.ID, "akid").send_keys(key[0])
    driver.find_element(By.ID, "secret").send_keys(key[1])
    driver.find_element(By.ID, "signin-btn").click()


def tab(driver, name):
    driver.find_element(By.CSS_SELECTOR, "nav button[data-tab='%s']" % name).click()


def test_wrong_secret_is_refused(server, browser):
    sign_in(browser, server, key=("test", "wrong"))
    wait_text(browser, "error", "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. "
                                "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
    assert browser.find_element(By.ID, "app").get_attribute("hidden") == "true"
    assert browser.execute_script("return sessionStorage.getItem('warden.credentials')") is None


def test_sign_in_and_browse_a_table(server, browser, setup):
    sign_in(browser, server)
    wait_text(browser, "whoami", "Signed in as arn:aws:iam::%s:root" % ACCOUNT)
    # The secret stays in this tab's session storage only.
    stored = json.loads(browser.execute_script("return sessionStorage.getItem('warden.credentials')"))
    assert stored == {"akid": "test", "secret": "test", "token": "", "region": "us-east-1"}
    assert browser.execute_script("return localStorage.length") == 0
    table = setup["table"]
    button = wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "#table-list button[data-table='%s']" % table)))
    button.click()
    wait_text(browser, "table-title", table)
    wait_text(browser, "page-info", "page 1: 3 items")
    field = lambda name: browser.find_element(By.CSS_SELECTOR, "#describe dd[data-field='%s']" % name).text
    assert field("Keys") == "player S (HASH)"
    assert field("Deletion protection") == "disabled"
    assert field("Encryption") == "AWS owned key"
    assert field("Stream") == "disabled"
    assert field("Global secondary indexes") == "none"
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#describe dd[data-field='Point-in-time recovery']"))
    assert field("Point-in-time recovery") == "DISABLED"
    assert text_of(browser, "resource-policy") == "none"
    header = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#items tr:first-child th")]
    assert header == ["player", "name", "score", "secret", ""]
    players = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#items td[data-attr='player']")]
    assert sorted(players) == ["alice", "bob", "carol"]


def test_paging_put_query_and_delete(server, browser, setup):
    page_size = browser.find_element(By.ID, "page-size")
    page_size.clear()
    page_size.send_keys("2")
    browser.find_element(By.ID, "first-page").click()
    wait_text(browser, "page-info", "page 1: 2 items")
    first = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#items td[data-attr='player']")]
    browser.find_element(By.ID, "next-page").click()
    wait_text(browser, "page-info", "page 2: 1 item")
    second = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#items td[data-attr='player']")]
    assert sorted(first + second) == ["alice", "bob", "carol"]

    browser.find_element(By.CSS_SELECTOR, "#editor-box summary").click()
    editor = browser.find_element(By.ID, "item-editor")
    editor.clear()
    editor.send_keys(json.dumps({"player": {"S": "dave"}, "name": {"S": "Dave"}, "score": {"N": "40"}}))
    browser.find_element(By.ID, "put-item").click()
    wait_text(browser, "put-status", "Saved")
    item = server.client().get_item(TableName=setup["table"], Key={"player": {"S": "dave"}})["Item"]
    assert item == {"player": {"S": "dave"}, "name": {"S": "Dave"}, "score": {"N": "40"}}

    browser.find_element(By.CSS_SELECTOR, "#query-box summary").click()
    values = browser.find_element(By.ID, "query-values")
    values.clear()
    values.send_keys('{":pk": {"S": "dave"}}')
    browser.find_element(By.ID, "run-query").click()
    wait_text(browser, "items-title", "Query results (1)")
    assert [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#items td[data-attr='score']")] == ["40"]
    browser.find_element(By.CSS_SELECTOR, "#items button.delete").click()
    wait_text(browser, "put-status", 'Deleted {"player":{"S":"dave"}}')
    assert "Item" not in server.client().get_item(TableName=setup["table"], Key={"player": {"S": "dave"}})


def test_view_as_greys_what_the_principal_cannot_read(server, browser, setup):
    tab(browser, "viewas")
    viewer = user_arn(setup["viewer"])
    wait(browser, lambda d: any(o.get_attribute("value") == viewer for o in d.find_elements(By.CSS_SELECTOR, "#va-principal option")))
    Select(browser.find_element(By.ID, "va-principal")).select_by_value(viewer)
    Select(browser.find_element(By.ID, "va-table")).select_by_value(setup["table"])
    # An IAM user has no session tags and no web identity claim: those fields are not shown.
    assert [browser.find_element(By.ID, i).is_displayed() for i in ("va-tags", "va-idkey", "va-idval")] == [False, False, False]
    browser.find_element(By.ID, "va-run").click()
    wait_text(browser, "va-summary", "As %s: 1 of 3 items readable in full, 1 in part, 1 not at all." % viewer, timeout=30)
    rows = {r.get_attribute("data-key"): r for r in browser.find_elements(By.CSS_SELECTOR, "#va-items tr[data-key]")}
    assert rows["alice"].get_attribute("class") == ""
    assert rows["alice"].find_elements(By.CSS_SELECTOR, "td.denied") == []
    bob_denied = sorted(td.get_attribute("data-attr") for td in rows["bob"].find_elements(By.CSS_SELECTOR, "td.denied"))
    assert bob_denied == ["score", "secret"]
    assert rows["bob"].find_element(By.CSS_SELECTOR, "td.reason").text == (
        "Attributes hidden: score, secret — implicitDeny: no statement allows dynamodb:GetItem with dynamodb:LeadingKeys=[bob] "
        "with dynamodb:Attributes=[player, score] with dynamodb:Select=[SPECIFIC_ATTRIBUTES]")
    assert rows["carol"].get_attribute("class") == "denied"
    assert rows["carol"].find_element(By.CSS_SELECTOR, "td.reason").text == (
        "implicitDeny: no statement allows dynamodb:GetItem with dynamodb:LeadingKeys=[carol] with dynamodb:Attributes=[player] "
        "with dynamodb:Select=[ALL_ATTRIBUTES]")
    # Page by page: two items, then the last one.
    limit = browser.find_element(By.ID, "va-limit")
    limit.clear()
    limit.send_keys("2")
    browser.find_element(By.ID, "va-run").click()
    wait_text(browser, "va-summary", "As %s: 1 of 2 items readable in full, 1 in part, 0 not at all." % viewer, timeout=30)
    browser.find_element(By.ID, "va-next").click()
    wait_text(browser, "va-summary", "As %s: 0 of 1 items readable in full, 0 in part, 1 not at all." % viewer, timeout=30)
    assert browser.find_element(By.ID, "va-next").is_enabled() is False
    limit.clear()
    limit.send_keys("25")
    browser.find_element(By.ID, "va-run").click()
    wait_text(browser, "va-summary", "As %s: 1 of 3 items readable in full, 1 in part, 1 not at all." % viewer, timeout=30)
    rows = {r.get_attribute("data-key"): r for r in browser.find_elements(By.CSS_SELECTOR, "#va-items tr[data-key]")}
    # The values stay on screen (the signed-in root read them); the principal's view greys them.
    assert rows["bob"].find_element(By.CSS_SELECTOR, "td[data-attr='secret']").get_attribute("title").startswith("implicitDeny")
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    browser.save_screenshot(os.path.join(ROOT, "docs", "console.png"))


def test_view_as_web_identity_and_role_session(server, browser, setup):
    """A role seen as a web identity (its provider's user id claim) and as a tagged session."""
    tab(browser, "viewas")
    Select(browser.find_element(By.ID, "va-kind")).select_by_value("web")
    arn = role_arn(setup["role"])
    wait(browser, lambda d: any(o.get_attribute("value") == arn for o in d.find_elements(By.CSS_SELECTOR, "#va-principal option")))
    Select(browser.find_element(By.ID, "va-principal")).select_by_value(arn)
    assert browser.find_element(By.ID, "va-tags").is_displayed() is False
    browser.find_element(By.ID, "va-idval").send_keys("carol")
    browser.find_element(By.ID, "va-run").click()
    wait_text(browser, "va-summary", "As %s: 1 of 3 items readable in full, 0 in part, 2 not at all." % arn, timeout=30)
    readable = [r.get_attribute("data-key") for r in browser.find_elements(By.CSS_SELECTOR, "#va-items tr[data-key]")
                if r.get_attribute("class") == ""]
    assert readable == ["carol"]

    Select(browser.find_element(By.ID, "va-kind")).select_by_value("role")
    wait(browser, lambda d: d.find_element(By.ID, "va-tags").is_displayed())
    Select(browser.find_element(By.ID, "va-principal")).select_by_value(arn)
    browser.find_element(By.ID, "va-tags").send_keys("userId=bob")
    browser.find_element(By.ID, "va-run").click()
    wait_text(browser, "va-summary", "As %s: 1 of 3 items readable in full, 0 in part, 2 not at all." % arn, timeout=30)
    readable = [r.get_attribute("data-key") for r in browser.find_elements(By.CSS_SELECTOR, "#va-items tr[data-key]")
                if r.get_attribute("class") == ""]
    assert readable == ["bob"]
    Select(browser.find_element(By.ID, "va-kind")).select_by_value("user")


def test_view_as_needs_simulate_principal_policy(server, browser, setup):
    """Signed in as the viewer (no iam:* at all), the console can do nothing the key may not."""
    _, key = make_user(server, policy=VIEWER_POLICY)
    sign_in(browser, server, key=key)
    wait(browser, lambda d: d.find_element(By.ID, "whoami").text.startswith("Signed in as"))
    wait(browser, lambda d: d.find_element(By.ID, "error").text != "")
    assert text_of(browser, "error").startswith("AccessDeniedException: User: ")
    assert "dynamodb:ListTables" in text_of(browser, "error")
    tab(browser, "viewas")
    wait(browser, lambda d: "iam:ListUsers" in d.find_element(By.ID, "error").text)
    assert text_of(browser, "error").startswith("AccessDenied: User: ")
    sign_in(browser, server)
    wait(browser, lambda d: d.find_element(By.ID, "whoami").text == "Signed in as arn:aws:iam::%s:root" % ACCOUNT)


def test_playground_examples(server, browser, setup):
    tab(browser, "playground")
    Select(browser.find_element(By.ID, "pg-table")).select_by_value(setup["table"])
    browser.find_element(By.ID, "ex-attributes").click()
    wait(browser, lambda d: "LimitAccessToSpecificAttributes" in d.find_element(By.ID, "pg-identity").get_attribute("value"))
    assert json.loads(browser.find_element(By.ID, "pg-request").get_attribute("value")) == {
        "Key": {"player": {"S": "alice"}}, "ProjectionExpression": "player, secret"}
    browser.find_element(By.ID, "pg-run").click()
    wait_text(browser, "pg-decision", "DENIED (implicit deny)")
    failed = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#pg-trace ul.failed > li")]
    assert failed == ['identity-based policy "IdentityPolicy", statement 1 (Sid LimitAccessToSpecificAttributes) [Allow]: '
                      'ForAllValues:StringEquals on dynamodb:Attributes expected ["player", "name", "score"], request has ["player", "secret"]']
    context = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#pg-trace ul.context > li")]
    assert 'dynamodb:Attributes = ["player", "secret"]' in context
    assert 'dynamodb:LeadingKeys = ["alice"]' in context

    browser.find_element(By.ID, "ex-count").click()
    wait(browser, lambda d: "CountOnly" in d.find_element(By.ID, "pg-identity").get_attribute("value"))
    browser.find_element(By.ID, "pg-run").click()
    wait_text(browser, "pg-decision", "ALLOWED")
    matched = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#pg-trace ul.matched > li")]
    assert matched == ['Allow identity-based policy "IdentityPolicy", statement 1 (Sid CountOnly) [Allow], lines 4–17']

    browser.find_element(By.ID, "ex-own-web").click()
    wait(browser, lambda d: "OwnItemsOnly" in d.find_element(By.ID, "pg-identity").get_attribute("value"))
    browser.find_element(By.ID, "pg-run").click()
    wait_text(browser, "pg-decision", "DENIED (implicit deny)")
    failed = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#pg-trace ul.failed > li")]
    assert failed == ['identity-based policy "IdentityPolicy", statement 1 (Sid OwnItemsOnly) [Allow]: ForAllValues:StringEquals on '
                      'dynamodb:LeadingKeys expected ["${www.amazon.com:user_id}"], request has ["amzn1.account.bob"]']

    browser.find_element(By.ID, "ex-returnvalues").click()
    wait(browser, lambda d: "WriteWithoutReading" in d.find_element(By.ID, "pg-identity").get_attribute("value"))
    browser.find_element(By.ID, "pg-run").click()
    wait_text(browser, "pg-decision", "DENIED (implicit deny)")
    browser.find_element(By.ID, "ex-own-tag").click()
    wait(browser, lambda d: "OwnItems\"" in d.find_element(By.ID, "pg-identity").get_attribute("value"))
    browser.find_element(By.ID, "pg-run").click()
    wait_text(browser, "pg-decision", "ALLOWED")


def test_live_trail_links_to_explain(server, browser, setup):
    tab(browser, "trail")
    browser.find_element(By.ID, "tr-event").send_keys("PutItem")
    browser.find_element(By.ID, "tr-table").send_keys(setup["table"])
    browser.find_element(By.ID, "tr-refresh").click()
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#trail td.event")) == 4)
    events = {td.text for td in browser.find_elements(By.CSS_SELECTOR, "#trail td.event")}
    assert events == {"PutItem"}
    browser.find_elements(By.CSS_SELECTOR, "#trail a.explain")[0].click()
    wait(browser, lambda d: d.find_element(By.ID, "explain").text.startswith("Request "))
    explained = text_of(browser, "explain")
    assert "PutItem by arn:aws:iam::%s:root" % ACCOUNT in explained
    assert "Decision: ALLOWED" in explained

    # A denied call, filtered for, explained with the condition that failed.
    _, key = make_user(server, policy=VIEWER_POLICY)
    with pytest.raises(Exception):
        server.client(key=key).get_item(TableName=setup["table"], Key={"player": {"S": "carol"}})
    for field in ("tr-event", "tr-table"):
        browser.find_element(By.ID, field).clear()
    browser.find_element(By.ID, "tr-event").send_keys("GetItem")
    browser.find_element(By.ID, "tr-denied").click()
    browser.find_element(By.ID, "tr-refresh").click()
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#trail td.event")) == 1)
    assert [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#trail td.deny")] == ["AccessDenied"]
    browser.find_element(By.CSS_SELECTOR, "#trail a.explain").click()
    wait(browser, lambda d: "Decision: DENIED" in d.find_element(By.ID, "explain").text)
    assert ('ForAllValues:StringEquals on dynamodb:LeadingKeys expected ["alice"], request has ["carol"]'
            in text_of(browser, "explain"))


def test_clock_reads_and_advances(server, browser):
    tab(browser, "clock")
    wait(browser, lambda d: d.find_element(By.ID, "clock-offset").text not in ("", "—"))
    before = float(text_of(browser, "clock-offset"))
    field = browser.find_element(By.ID, "clock-advance")
    field.clear()
    field.send_keys("3600")
    browser.find_element(By.ID, "clock-advance-btn").click()
    wait_text(browser, "clock-offset", str(int(before + 3600)) if (before + 3600).is_integer() else str(before + 3600))
