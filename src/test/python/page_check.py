"""Drives the page at / in headless Chromium (Selenium, installed by scripts/lib/browser.sh).

Usage: page_check.py <base-url> <project> <handshake-dir> [<token>]

PageIT has made <project> with a state, entries and a tombstone, and wrote what the page must show
to <handshake-dir>/expected.json. This script loads the page, selects the project from the list,
checks what it shows, writes <handshake-dir>/ready; PageIT then writes through the API and
describes it in <handshake-dir>/written.json, and the script waits for the page to show it without
a reload. It writes a screenshot to <handshake-dir>/page.png. Prints one line per check; exits
non-zero with the reason on the first failure (2 when the browser cannot start at all).
"""
import json
import os
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
LIVE_SECONDS = 10  # how long a written entry may take to appear on the page


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message, flush=True)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1100",
                "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium refuses to start as root with its sandbox
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        # Both paths given: Selenium uses these and never downloads a driver or browser of its own.
        return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except WebDriverException as e:
        print(f"FAILED: the browser did not start ({CHROMIUM}, {CHROMEDRIVER}): {e.msg}", file=sys.stderr)
        sys.exit(2)


def wait_for(driver, condition, seconds, what):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.1).until(lambda d: condition(d))
    except TimeoutException:
        raise AssertionError(f"not within {seconds} s: {what}") from None


def text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def entry(driver, seq):
    found = driver.find_elements(By.CSS_SELECTOR, f'#timeline li[data-seq="{seq}"]')
    return found[0] if found else None


def wait_file(path, seconds):
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} did not appear within {seconds} s")
        time.sleep(0.1)
    return json.loads(path.read_text(encoding="utf-8"))


def select_project(driver, project):
    """Clicks the project in the list, paging with "More projects" until it is there."""
    selector = f'#projects button[data-project="{project}"]'
    for _ in range(100):
        wait_for(driver, lambda d: d.find_element(By.ID, "projects").get_attribute("aria-busy") == "false",
                 10, "the project list loads")
        found = driver.find_elements(By.CSS_SELECTOR, selector)
        if found:
            found[0].click()
            return
        more = driver.find_element(By.ID, "projects-more")
        if not more.is_displayed():
            raise AssertionError(f"project {project} is not in the list")
        more.click()
        time.sleep(0.2)
    raise AssertionError(f"project {project} not found in 100 pages")


def run(driver, base, project, handshake, token):
    expected = wait_file(handshake / "expected.json", 5)
    driver.get(base + "/")
    check(driver.title == "DevState", "the page loads")
    if token:
        field = driver.find_element(By.ID, "token")
        field.send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "#token-form button[type=submit]").click()
        check(driver.execute_script("return sessionStorage.getItem('devstate.token')") == token,
              "the token is kept in sessionStorage")
    select_project(driver, project)
    wait_for(driver, lambda d: text(d, "project-heading") == project, 5, "the project is selected")
    check(driver.find_element(By.CSS_SELECTOR, f'#projects button[data-project="{project}"]')
          .get_attribute("aria-current") == "true", f"{project} is selected in the list")

    wait_for(driver, lambda d: text(d, "state-checksum") == expected["checksum"], 10, "the state's checksum")
    check(True, f"the state's checksum is shown ({expected['checksum'][:20]}…)")
    check(text(driver, "state-version") == str(expected["version"]), f"the state's version is {expected['version']}")
    shown = json.loads(driver.find_element(By.ID, "state-json").get_attribute("textContent"))
    check(shown == expected["json"], "the state document is shown, pretty-printed, as the API has it")

    seqs = expected["seqs"]
    wait_for(driver, lambda d: all(entry(d, s) for s in seqs), 10, f"entries {seqs} in the timeline")
    order = [int(li.get_attribute("data-seq")) for li in driver.find_elements(By.CSS_SELECTOR, "#timeline li")]
    check(order == sorted(seqs, reverse=True), f"the timeline has entries {order}, newest first")
    tombstoned = entry(driver, expected["tombstoned"])
    check("tombstoned" in tombstoned.get_attribute("class")
          and f"tombstoned by #{expected['tombstone']}" in tombstoned.text,
          f"entry {expected['tombstoned']} is marked tombstoned by #{expected['tombstone']}")
    check(expected["marker"] in entry(driver, expected["marked"]).text,
          "an entry's text from its metadata is shown as text (markup in it is not rendered)")
    check(not driver.find_elements(By.CSS_SELECTOR, "#timeline img, #timeline script"),
          "no element was made from entry data")

    search = driver.find_element(By.ID, "history-filter")
    search.send_keys("action:" + expected["filter_action"])
    visible = [int(li.get_attribute("data-seq"))
               for li in driver.find_elements(By.CSS_SELECTOR, "#timeline li") if li.is_displayed()]
    check(visible == expected["filter_seqs"], f"the filter action:{expected['filter_action']} shows {visible}")
    # (clear() fires no input event)
    driver.execute_script("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", search)
    check(len([li for li in driver.find_elements(By.CSS_SELECTOR, "#timeline li") if li.is_displayed()])
          == len(seqs), "an empty filter shows every entry again")

    wait_for(driver, lambda d: d.find_element(By.ID, "verify-status").get_attribute("data-ok") == "true", 10,
             "the chain status is ok")
    check(f"head #{max(seqs)}" in text(driver, "verify-status"), f"the chain status is ok at head #{max(seqs)}")
    wait_for(driver, lambda d: text(d, "feed-status") == "connected", 10, "the change feed connects")
    check(True, "the change feed is connected")

    (handshake / "ready").write_text("ready\n", encoding="utf-8")
    written = wait_file(handshake / "written.json", 30)
    started = time.monotonic()
    appended = written["appended"]
    wait_for(driver, lambda d: entry(d, appended["seq"]) is not None, LIVE_SECONDS,
             f"the appended entry #{appended['seq']} appears without a reload")
    check(appended["action"] in entry(driver, appended["seq"]).text,
          f"the appended entry #{appended['seq']} ({appended['action']}) appeared live "
          f"after {time.monotonic() - started:.1f} s")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline li")[0].get_attribute("data-seq")
             == str(written["head"]), LIVE_SECONDS, f"the newest entry #{written['head']} is at the top")
    check(True, f"the newest entry #{written['head']} is at the top")
    wait_for(driver, lambda d: text(d, "state-checksum") == written["checksum"], LIVE_SECONDS,
             "the state written meanwhile is shown")
    check(text(driver, "state-version") == str(written["version"]),
          f"the state follows the update_state entry (version {written['version']})")
    wait_for(driver, lambda d: f"head #{written['head']}" in text(d, "verify-status"), LIVE_SECONDS,
             f"the chain status follows to head #{written['head']}")
    check(driver.find_element(By.ID, "verify-status").get_attribute("data-ok") == "true",
          f"the chain status is ok at head #{written['head']}")
    check(driver.execute_script("return performance.getEntriesByType('navigation').length") == 1,
          "all of it without reloading the page")
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"
              # with a token, the requests before it was entered were refused, as they should be
              and not (token and "status of 401" in e.get("message", ""))]
    check(not severe, f"no errors in the browser console {severe}")


def main(base, project, handshake_dir, token=""):
    handshake = Path(handshake_dir)
    handshake.mkdir(parents=True, exist_ok=True)
    driver = browser()
    print("ok: the browser started:", driver.capabilities.get("browserVersion"), flush=True)
    try:
        run(driver, base.rstrip("/"), project, handshake, token)
    except AssertionError as e:
        driver.save_screenshot(str(handshake / "failure.png"))
        print("FAILED:", e, file=sys.stderr)
        for log in driver.get_log("browser"):
            print("browser console:", log, file=sys.stderr)
        sys.exit(1)
    else:
        driver.save_screenshot(str(handshake / "page.png"))
        print("ok: screenshot", handshake / "page.png", flush=True)
    finally:
        driver.quit()


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
