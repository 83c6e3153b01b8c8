#!/usr/bin/env python3
"""Browser test of the newsweave web page, in headless Chromium.

Ingests the sample corpus into a fresh store, starts `newsweave serve` on it and drives
Chromium through chromedriver with the W3C WebDriver protocol (plain HTTP and JSON: Python's
standard library only). Like a person would, it opens the first story, an event, an article
with its removed chrome, searches, compares two articles and opens a page that does not
exist; the expected values come from the API, fetched by the test itself. Screenshots
(PNG) are saved in the build directory.

    web/browser_test.py --build build            # what `make test` runs (CTest: web_browser)
    web/browser_test.py --url http://127.0.0.1:8080   # against a server that is already up

Exit status: 0 passed, 1 a check failed (the message says which), 77 skipped because
Chromium or chromedriver is not installed.
"""

import argparse
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

SKIP = 77
ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'
PHONE = (390, 844)
DESKTOP = (1280, 900)


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def http_json(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, json.loads(res.read() or b'null')
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode('utf-8', 'replace')


def wait_until(what, probe, timeout=15.0, interval=0.1):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = probe()
            if last:
                return last
        except (OSError, urllib.error.URLError) as e:
            last = e
        time.sleep(interval)
    raise Failure(f'timed out waiting for {what} (last: {last!r})')


class Api:
    def __init__(self, base):
        self.base = base.rstrip('/')

    def get(self, path, ok=True):
        status, body = http_json('GET', self.base + path)
        if ok:
            check(status == 200, f'GET {path} answered {status}: {body}')
            return body
        return status, body


class Browser:
    """The few WebDriver commands the test needs."""

    def __init__(self, driver_url, chromium, size, phone):
        self.url = driver_url
        # --remote-debugging-pipe: chromedriver talks to Chromium over a pipe rather than
        # through "localhost", which a bare system without /etc/hosts cannot resolve.
        args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                '--remote-debugging-pipe',
                '--no-first-run', '--no-default-browser-check', '--disable-extensions',
                f'--window-size={size[0]},{size[1]}']
        options = {'binary': chromium, 'args': args}
        if phone:  # a headless window has a minimum width; emulation gives the phone's viewport
            options['mobileEmulation'] = {'deviceMetrics': {
                'width': size[0], 'height': size[1], 'pixelRatio': 2, 'touch': True}}
        caps = {'capabilities': {'alwaysMatch': {
            'browserName': 'chrome', 'pageLoadStrategy': 'normal', 'goog:chromeOptions': options,
            'goog:loggingPrefs': {'browser': 'ALL'}}}}
        status, body = http_json('POST', f'{self.url}/session', caps, timeout=60)
        check(status == 200, f'chromedriver could not start Chromium: {body}')
        self.session = f'{self.url}/session/{body["value"]["sessionId"]}'

    def cmd(self, method, path, body=None):
        status, res = http_json(method, self.session + path, body)
        if status != 200:
            raise Failure(f'WebDriver {method} {path} failed ({status}): '
                          f'{json.dumps(res)[:400]}')
        return res['value']

    def go(self, url):
        self.cmd('POST', '/url', {'url': url})

    def js(self, script, *args):
        return self.cmd('POST', '/execute/sync', {'script': script, 'args': list(args)})

    def find(self, css):
        return self.cmd('POST', '/element', {'using': 'css selector', 'value': css})[ELEMENT]

    def click(self, element):
        self.cmd('POST', f'/element/{element}/click', {})

    def type(self, element, text):
        self.cmd('POST', f'/element/{element}/value', {'text': text})

    def screenshot(self, path):
        with open(path, 'wb') as f:
            f.write(base64.b64decode(self.cmd('GET', '/screenshot')))

    def console_errors(self):
        """Errors in the browser's console since the last call (script errors, blocked by the
        Content-Security-Policy, ...), less the 404s the test asks for on purpose."""
        entries = self.cmd('POST', '/se/log', {'type': 'browser'})
        errors = []
        for e in entries:
            if e.get('level') != 'SEVERE' or 'status of 404' in e['message']:
                continue
            if 'net::ERR_' in e['message']:  # the page tries once more; a view that still
                log(f'note: {e["message"]}')  # fails shows its error and fails the test
                continue
            errors.append(e['message'])
        return errors

    def close(self):
        if self.session:
            try:
                http_json('DELETE', self.session, timeout=10)
            except OSError:
                pass
            self.session = None

    # The page marks #view with data-view (which view) and data-state (loading, ready,
    # error) once a view is on screen.
    def wait_view(self, name, state='ready'):
        def probe():
            v = self.js('const v = document.getElementById("view");'
                        'return v ? [v.dataset.view, v.dataset.state] : null;')
            if v and v[1] == 'error' and state != 'error':
                text = self.js('return document.getElementById("view").innerText;')
                raise Failure(f'the {name} view shows an error: {text}')
            return v == [name, state]
        wait_until(f'the {name} view ({state})', probe, timeout=30)

    def text(self, css):
        return self.js('const e = document.querySelector(arguments[0]);'
                       'return e ? e.innerText.trim() : null;', css)

    def texts(self, css):
        return self.js('return [...document.querySelectorAll(arguments[0])]'
                       '.map(e => e.innerText.trim());', css)

    def visible(self, css, scope='document'):
        """The elements matching css that a person can see (checkVisibility: not inside a
        closed <details>, not display:none, not visibility:hidden)."""
        return self.js(f'return [...{scope}.querySelectorAll(arguments[0])].filter(e => '
                       'e.checkVisibility({visibilityProperty: true}));', css)

    def count_visible(self, css):
        return len(self.visible(css))

    def no_sideways_scroll(self, where):
        w = self.js('return [document.documentElement.scrollWidth, window.innerWidth];')
        check(w[0] <= w[1] + 1, f'{where}: the page is {w[0]} px wide in a {w[1]} px window '
                                '(a phone would scroll sideways)')


def story_title(story):
    events = story.get('events') or []
    return story.get('title') or (events[0].get('headline') if events else '') or story['id']


def marked_words(text, words):
    """The words the page should mark in `text`: whole words, any case, longest first, each
    place marked once (so "Subirats" inside a marked "Elena Subirats" is not marked again)."""
    words = sorted({w.lower() for w in words if w}, key=len, reverse=True)
    if not words:
        return set()
    pattern = r'(?<!\w)(?:' + '|'.join(re.escape(w) for w in words) + r')(?!\w)'
    return {m.group(0).lower() for m in re.finditer(pattern, text, re.IGNORECASE)}


def run_checks(b, api, base, shots):
    def shot(name):
        path = os.path.join(shots, f'web_browser_{name}.png')
        b.screenshot(path)

    # --- the stories page
    stories = api.get('/api/stories?offset=0&limit=20')
    check(stories.get('stories'), 'the API lists no stories: was the sample ingested?')
    first = stories['stories'][0]
    b.go(base + '/')
    b.wait_view('stories')
    width = b.js('return window.innerWidth;')
    check(width == PHONE[0], f'the phone viewport is {width} px wide, not {PHONE[0]}')
    titles = b.texts('.story h2')
    check(len(titles) == len(stories['stories']),
          f'the page lists {len(titles)} stories, the API {len(stories["stories"])}')
    check(titles[0] == story_title(first),
          f'first story on the page is {titles[0]!r}, the API says {story_title(first)!r}')
    headlines = b.texts('.story:first-child .event-brief .headline')
    check(headlines == [e['headline'] or e['id'] for e in first['events']],
          f'first story shows events {headlines}, the API {[e["headline"] for e in first["events"]]}')
    b.no_sideways_scroll('stories page')
    shot('phone_stories')
    log(f'ok: the stories page lists {len(titles)} stories, first {titles[0]!r}')

    # --- a story: its events and the timeline
    b.click(b.find('.story:first-child h2 a'))
    b.wait_view('story')
    story = api.get(f'/api/stories/{urllib.parse.quote(first["id"], safe="")}')
    check(b.text('#view h1') == story_title(story), f'story page title is {b.text("#view h1")!r}')
    shown = b.texts('.events .headline')
    expected = [e['headline'] or e['id'] for e in story['events']]
    check(shown == expected, f'story page shows events {shown}, the API {expected}')
    check(b.count_visible('svg.timeline') == 1, 'the story page has no visible timeline (SVG)')
    dated = [e for e in story['events'] if e.get('start') or e.get('end')]
    marks = b.js('return document.querySelectorAll("svg.timeline a.ev").length;')
    check(marks == len(dated), f'the timeline marks {marks} events, {len(dated)} are dated')
    bars = b.js('return document.querySelectorAll("svg.timeline rect.bar").length;')
    want_bars = len([d for d in story.get('days', []) if d.get('articles', 0) > 0])
    check(bars == want_bars, f'the timeline draws {bars} bars, the API has {want_bars} day/language counts')
    check(want_bars > 0, 'the API gives the story no "days": nothing for the timeline bars')
    b.no_sideways_scroll('story page')
    shot('phone_story')
    log(f'ok: story {story["id"]}: {len(shown)} events, timeline with {marks} events and {bars} bars')

    # --- an event of it: articles by language, copies collapsed
    chosen = None
    for e in story['events']:
        ev = api.get(f'/api/events/{urllib.parse.quote(e["id"], safe="")}')
        if any(a.get('copies') for a in ev.get('articles', [])):
            chosen = ev
            break
    if chosen:
        index = [e['id'] for e in story['events']].index(chosen['id'])
        b.click(b.find(f'.events li:nth-child({index + 1}) a.headline'))
    else:  # the first story has no copies: take the first event anywhere that has some
        for st in stories['stories']:
            for e in st['events']:
                ev = api.get(f'/api/events/{urllib.parse.quote(e["id"], safe="")}')
                if not chosen and any(a.get('copies') for a in ev.get('articles', [])):
                    chosen = ev
        check(chosen, 'no event in the store has copies: cannot check that they are collapsed')
        b.go(f'{base}/#/event/{urllib.parse.quote(chosen["id"], safe="")}')
    ev = chosen
    b.wait_view('event')
    check(b.text('#view h1') == (ev['headline'] or ev['id']), f'event page title is {b.text("#view h1")!r}')
    reps = ev['articles']
    columns = b.js('return [...document.querySelectorAll(".lang-column")].map(c => [c.dataset.lang,'
                   '[...c.querySelectorAll(":scope > .art")].map(a => a.dataset.id)]);')
    got = {lang: sorted(ids) for lang, ids in columns}
    want = {}
    for a in reps:
        want.setdefault(a['lang'], []).append(a['id'])
    want = {k: sorted(v) for k, v in want.items()}
    check(got == want, f'articles by language on the page {got}, from the API {want}')
    with_copies = [a for a in reps if a.get('copies')]
    copies = sum(len(a['copies']) for a in with_copies)
    check(b.count_visible('.copy') == 0, 'copies are shown before their group is opened')
    check(b.count_visible('details.copies > summary') == len(with_copies),
          f'{b.count_visible("details.copies > summary")} copy groups, '
          f'the API has {len(with_copies)} articles with copies')
    for a in with_copies:
        b.click(b.find(f'.art[data-id="{a["id"]}"] details.copies > summary'))
        ids = b.js('return [...document.querySelectorAll(arguments[0])].filter(e => '
                   'e.checkVisibility({visibilityProperty: true})).map(e => e.dataset.id);',
                   f'.art[data-id="{a["id"]}"] .copy')
        check(sorted(ids) == sorted(c['id'] for c in a['copies']),
              f'opening the copies of {a["id"]} shows {ids}')
    if ev.get('entities'):
        chips = b.texts('.entities .chip')
        check(chips == ev['entities'], f'event names on the page {chips}, the API {ev["entities"]}')
    # Who said what: one item per statement, its speaker first, as the API says.
    speakers = b.texts('.statements .quote > strong')
    want_speakers = [q['speaker'] or 'unknown speaker' for q in ev.get('quotes', [])]
    check(speakers == want_speakers,
          f'who said what on the page {speakers}, the API {want_speakers}')
    b.no_sideways_scroll('event page')
    shot('phone_event')
    log(f'ok: event {ev["id"]}: {len(reps)} articles in {len(want)} language columns, '
        f'{copies} copies collapsed under {len(with_copies)} of them')

    # --- an article: clean text, removed chrome struck through on demand
    article = None
    for a in reps + [c for r in reps for c in r.get('copies', [])]:
        full = api.get(f'/api/articles/{urllib.parse.quote(a["id"], safe="")}')
        if full.get('removed'):
            article = full
            break
    check(article, f'no article of event {ev["id"]} has removed chrome')
    b.click(b.find(f'[data-id="{article["id"]}"] a[href^="#/article/"]'))
    b.wait_view('article')
    check(b.text('#view h1') == (article['title'] or article['id']), f'article title {b.text("#view h1")!r}')
    check(b.count_visible('.clean-text') == 1 and b.count_visible('del.removed') == 0,
          'before the toggle the article should show its clean text and no removed chrome')
    clean = b.js('return document.querySelector(".clean-text").textContent;')
    check(clean == article['clean'], 'the clean text on the page differs from the API\'s "clean"')
    b.click(b.find('#show-removed'))
    spans = [r for r in article['removed'] if r['end'] > r['start']]
    dels = b.js('return [...document.querySelectorAll("del.removed")].filter(e => '
                'e.checkVisibility({visibilityProperty: true})).map(e => [e.textContent, e.title]);')
    check(len(dels) == len(spans), f'{len(dels)} struck-through spans visible, the API removed {len(spans)}')
    for (text, title), r in zip(dels, sorted(spans, key=lambda r: r['start'])):
        if 'text' in r:
            check(text == r['text'], f'struck-through {text!r}, the API removed {r["text"]!r}')
        check(title == r['reason'], f'removed span reason {title!r}, the API says {r["reason"]!r}')
    decoration = b.js('return getComputedStyle(document.querySelector("del.removed")).textDecorationLine;')
    check('line-through' in decoration, f'removed spans are not struck through ({decoration})')
    raw = b.js('return document.querySelector(".raw-text").textContent;')
    check(raw == article['text'], 'the raw text on the page differs from the API\'s "text"')
    b.no_sideways_scroll('article page')
    shot('phone_article_removed')
    log(f'ok: article {article["id"]}: clean text, then {len(dels)} removed spans struck through')

    # --- search, through the box
    words = sorted(set(re.findall(r'[^\W\d_]{5,}', article['title'] or article['clean'])), key=len)
    check(words, f'no word to search for in {article["title"]!r}')
    query = words[-1]
    found = api.get(f'/api/search?q={urllib.parse.quote(query)}&limit=50')['results']
    check(found, f'the API finds nothing for {query!r}, a word of {article["id"]}\'s title')
    box = b.find('#search-input')
    b.type(box, query)
    b.click(b.find('#search-form button'))
    b.wait_view('search')
    hash_ = b.js('return location.hash;')
    check(urllib.parse.unquote(hash_) == f'#/search?q={query}', f'search URL is {hash_}')
    shown = b.js('return [...document.querySelectorAll(".result h2 a")].map(a => '
                 'decodeURIComponent(a.getAttribute("href").slice(10)));')
    check(shown == [r['id'] for r in found], f'search shows {shown}, the API {[r["id"] for r in found]}')
    if any('<b>' in (r.get('snippet') or '') for r in found):
        check(b.count_visible('.snippet b') > 0, 'search snippets show no highlighted words')
    check(b.js('return document.querySelectorAll(".snippet script, .snippet img").length;') == 0,
          'a snippet was parsed as HTML')
    shot('phone_search')
    log(f'ok: search {query!r}: {len(shown)} results')

    # --- compare two articles of the event, picked with the checkboxes
    b.go(f'{base}/#/event/{urllib.parse.quote(ev["id"], safe="")}')
    b.wait_view('event')
    pair = [reps[0]['id'], reps[1]['id'] if len(reps) > 1 else reps[0]['copies'][0]['id']]
    if len(reps) < 2:
        b.click(b.find(f'.art[data-id="{pair[0]}"] details.copies > summary'))
    for pid in pair:
        b.click(b.find(f'.pick input[value="{pid}"]'))
    b.click(b.find('.compare-bar a.button'))
    b.wait_view('compare')
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(b.js('return location.hash;')[1:]).query)
    check([q.get('a', [''])[0], q.get('b', [''])[0]] == pair, f'compare URL is for {q}, picked {pair}')
    sim = api.get(f'/api/similarity?a={urllib.parse.quote(pair[0])}&b={urllib.parse.quote(pair[1])}')
    overall = b.js('return document.querySelector(".scores tr td").textContent;')
    check(overall == f'{sim["overall"]:.2f}', f'overall score shown {overall}, the API {sim["overall"]}')
    for side, key, aid in ((1, 'terms_a', pair[0]), (2, 'terms_b', pair[1])):
        full = api.get(f'/api/articles/{urllib.parse.quote(aid, safe="")}')
        words = (sim.get(key) or sim.get('shared_terms') or []) + (sim.get('shared_entities') or [])
        expect = marked_words(full['clean'] or full['text'], words)
        marked = b.js('return [...document.querySelectorAll(arguments[0])].map(m => m.textContent);',
                      f'.compare .side:nth-child({side}) .text mark')
        listed = {w.lower() for w in words}
        stray = {m for m in marked if m.lower() not in listed}
        check(not stray, f'side {side} highlights words the API did not name: {sorted(stray)[:5]}')
        got = {m.lower() for m in marked}
        check(got == expect, f'side {side}: marked but not expected {sorted(got - expect)[:8]}, '
                             f'expected but not marked {sorted(expect - got)[:8]}')
        check(expect, f'the API names no shared word that appears in {aid}: nothing to highlight')
    b.no_sideways_scroll('compare page')
    shot('phone_compare')
    log(f'ok: compare {pair[0]} / {pair[1]}: overall {overall}, shared words highlighted on both sides')

    # --- an API error is shown to the person
    missing = 'no-such-event-' + str(os.getpid())
    status, body = api.get(f'/api/events/{missing}', ok=False)
    check(status == 404, f'GET /api/events/{missing} answered {status}')
    b.go(f'{base}/#/event/{missing}')
    b.wait_view('event', state='error')
    message = b.text('#view [role=alert]') or ''
    want = (body.get('error') or {}).get('message', '') if isinstance(body, dict) else ''
    check('404' in message and want in message, f'the error shown is {message!r}, the API said {want!r}')
    log(f'ok: an unknown event shows the API\'s error: {message!r}')

    hostile_checks(b, api, base)
    errors = b.console_errors()
    check(not errors, f'the browser console shows errors: {errors[:3]}')
    return story['id'], ev['id'], pair


def hostile_checks(b, api, base):
    """An article whose title, text and URL carry markup and script is shown as text."""
    evil = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'
    aid = f'web-test-hostile-{os.getpid()}'
    article = {'id': aid, 'lang': 'en', 'source': 'hostile.example',
               'url': 'javascript:window.__pwned = 3', 'published': '2026-12-01T10:00:00Z',
               'title': f'Quartzfield council {evil} meets',
               'text': f'Quartzfield council {evil} meets\n\nThe council of Quartzfield met on '
                       f'Monday to discuss the <b>budget</b> and {evil} the new bridge.\n\n'
                       'Residents of Quartzfield asked about the bridge over the river.\n'}
    status, body = http_json('POST', base + '/api/articles', article)
    check(status == 200 and isinstance(body, dict) and body.get('added') == 1,
          f'POST /api/articles of a test article answered {status}: {body}')
    b.go(f'{base}/#/article/{aid}')
    b.wait_view('article')
    check(b.text('#view h1') == article['title'], f'a title with markup shows as {b.text("#view h1")!r}')
    b.click(b.find('#show-removed'))
    injected = b.js('return [document.querySelectorAll("#view img, #view script, #view b").length,'
                    ' window.__pwned === undefined,'
                    ' [...document.querySelectorAll("#view a")].some(a => /^javascript:/i.test(a.getAttribute("href")))];')
    check(injected == [0, True, False], f'markup from an article was run or parsed: {injected} '
                                        '(elements, script not run, javascript: link)')
    raw = b.js('return document.querySelector(".raw-text").textContent;')
    check('<script>' in raw, 'the raw text does not show the article\'s markup as text')
    b.go(f'{base}/#/search?q=quartzfield')
    b.wait_view('search')
    titles = b.texts('.result h2 a')
    check(article['title'] in titles, f'searching quartzfield does not list the test article: {titles}')
    check(b.js('return document.querySelectorAll("#view img, #view script").length === 0 && '
               'window.__pwned === undefined;'), 'a search result ran or parsed article markup')
    log('ok: an article with markup and script in its title, text and URL shows them as text')


def desktop_checks(b, base, story_id, event_id, pair, shots):
    """A desktop window: languages side by side, compared texts in two columns."""
    quote = lambda x: urllib.parse.quote(x, safe='')
    b.go(f'{base}/#/story/{quote(story_id)}')
    b.wait_view('story')
    check(b.count_visible('svg.timeline') == 1, 'no timeline on a desktop')
    b.no_sideways_scroll('story page (desktop)')
    b.screenshot(os.path.join(shots, 'web_browser_desktop_story.png'))
    b.go(f'{base}/#/event/{quote(event_id)}')
    b.wait_view('event')
    tops = b.js('return [...document.querySelectorAll(".lang-column")]'
                '.map(c => c.getBoundingClientRect().top);')
    if len(tops) > 1:
        check(abs(tops[0] - tops[1]) < 2, f'on a desktop the language columns are not side by side: {tops}')
    b.screenshot(os.path.join(shots, 'web_browser_desktop_event.png'))
    b.go(f'{base}/#/compare?a={quote(pair[0])}&b={quote(pair[1])}')
    b.wait_view('compare')
    lefts = b.js('return [...document.querySelectorAll(".compare .side")]'
                 '.map(c => c.getBoundingClientRect().left);')
    check(len(lefts) == 2 and lefts[1] > lefts[0] + 100,
          f'on a desktop the compared texts are not side by side: {lefts}')
    b.screenshot(os.path.join(shots, 'web_browser_desktop_compare.png'))
    errors = b.console_errors()
    check(not errors, f'the browser console shows errors: {errors[:3]}')
    log('ok: desktop: language columns and compared texts side by side')


def start(cmd, log_path):
    out = open(log_path, 'wb')
    return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc):
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def tail(path, n=20):
    try:
        with open(path, 'rb') as f:
            return b'\n'.join(f.read().splitlines()[-n:]).decode('utf-8', 'replace')
    except OSError:
        return ''


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--build', help='build directory with the newsweave binary; screenshots go there')
    ap.add_argument('--source', default=os.path.dirname(here), help='source tree (for data/sample)')
    ap.add_argument('--url', help='test a server that is already running at this URL instead')
    ap.add_argument('--out', help='directory for screenshots (default: the build directory)')
    args = ap.parse_args()
    if not args.url and not args.build:
        ap.error('give --build DIR (or --url URL)')

    chromium = next((shutil.which(n) for n in ('chromium', 'chromium-browser', 'google-chrome')
                     if shutil.which(n)), None)
    driver = shutil.which('chromedriver')
    if not chromium or not driver:
        print('SKIP: Chromium or chromedriver is not installed (scripts/setup installs them)')
        return SKIP

    started = time.monotonic()
    shots = args.out or args.build or tempfile.gettempdir()
    os.makedirs(shots, exist_ok=True)
    for old in os.listdir(shots):
        if old.startswith('web_browser_') and old.endswith('.png'):
            os.remove(os.path.join(shots, old))
    tmp = tempfile.mkdtemp(prefix='newsweave-web-')
    server = chromedriver = browser = None
    server_log = os.path.join(tmp, 'server.log')
    try:
        base = args.url
        if not base:
            binary = os.path.join(args.build, 'newsweave')
            check(os.access(binary, os.X_OK), f'{binary} not found: build first')
            db = os.path.join(tmp, 'store.db')
            sample = os.path.join(args.source, 'data', 'sample')
            ingest = subprocess.run([binary, 'ingest', '--db', db, os.path.join(sample, 'txt'),
                                     os.path.join(sample, 'jsonl')], capture_output=True, text=True)
            check(ingest.returncode == 0,
                  f'newsweave ingest failed ({ingest.returncode}): {ingest.stderr.strip()[-800:]}')
            port = free_port()
            server = start([binary, 'serve', '--db', db, '--port', str(port)], server_log)
            base = f'http://127.0.0.1:{port}'

            def server_up():
                if server.poll() is not None:
                    raise Failure(f'newsweave serve exited ({server.returncode}): {tail(server_log)}')
                return http_json('GET', base + '/healthz', timeout=2)[0] == 200
            wait_until('newsweave serve to answer /healthz', server_up, timeout=20)
        api = Api(base)
        log(f'server: {base} ({api.get("/healthz")})')

        dport = free_port()
        driver_log = os.path.join(tmp, 'chromedriver.log')
        chromedriver = start([driver, f'--port={dport}'], driver_log)
        driver_url = f'http://127.0.0.1:{dport}'

        def driver_up():
            if chromedriver.poll() is not None:
                raise Failure(f'chromedriver exited ({chromedriver.returncode}): {tail(driver_log)}')
            status, body = http_json('GET', driver_url + '/status', timeout=2)
            return status == 200 and body['value'].get('ready')
        wait_until('chromedriver', driver_up)
        browser = Browser(driver_url, chromium, PHONE, phone=True)
        story_id, event_id, pair = run_checks(browser, api, base, shots)
        browser.close()
        browser = Browser(driver_url, chromium, DESKTOP, phone=False)
        desktop_checks(browser, base, story_id, event_id, pair, shots)
    except Failure as e:
        print(f'FAIL: {e}', file=sys.stderr)
        if server:
            print(f'(newsweave serve said: {tail(server_log, 10) or "nothing"})', file=sys.stderr)
        if browser:
            try:
                path = os.path.join(shots, 'web_browser_failure.png')
                browser.screenshot(path)
                print(f'(screenshot of the page at the failure: {path})', file=sys.stderr)
            except Failure:
                pass
        return 1
    finally:
        if browser:
            browser.close()
        stop(chromedriver)
        stop(server)
        shutil.rmtree(tmp, ignore_errors=True)
    log(f'PASS in {time.monotonic() - started:.1f} s; screenshots: {shots}/web_browser_*.png')
    return 0


if __name__ == '__main__':
    sys.exit(main())
