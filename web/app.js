'use strict';
// The newsweave page: plain JavaScript, no framework, no build step. Each view has a URL:
//   #/  #/?offset=N  #/story/ID  #/event/ID  #/article/ID  #/search?q=Q  #/compare?a=ID&b=ID
// It reads the JSON API of `newsweave serve` (src/server/API.md). Everything the API returns
// is inserted as text (text nodes, textContent, setAttribute): articles are scraped web text
// and are never parsed as HTML.

const PAGE_SIZE = 20;
const SVG_NS = 'http://www.w3.org/2000/svg';
const view = document.getElementById('view');

// ---------------------------------------------------------------------------- DOM helpers

// h('a', {href: '#/', class: 'x'}, 'text', node, [more]) builds an element; strings become
// text nodes, null/undefined/false children and attributes are left out.
function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}
function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}
function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

const enc = encodeURIComponent;
const links = {
  story: (id) => `#/story/${enc(id)}`,
  event: (id) => `#/event/${enc(id)}`,
  article: (id) => `#/article/${enc(id)}`,
  search: (q) => `#/search?q=${enc(q)}`,
  compare: (a, b) => `#/compare?a=${enc(a)}&b=${enc(b)}`,
};

// ---------------------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// GET a JSON resource; API errors ({"error": {"status", "message"}}), HTTP errors and
// network failures all become an ApiError with a message a person can read. A request that
// fails on the network (e.g. a kept-alive connection the server just closed) is tried again
// once.
async function api(path) {
  let res;
  for (let attempt = 0; !res; attempt++) {
    try {
      res = await fetch(path, {headers: {Accept: 'application/json'}});
    } catch (e) {
      if (attempt > 0) throw new ApiError(0, `cannot reach the server (${e.message})`);
      await new Promise((done) => setTimeout(done, 300));
    }
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: reported below
  }
  const err = body && typeof body === 'object' ? body.error : null;
  if (!res.ok || err) {
    throw new ApiError(err?.status ?? res.status,
                       err?.message ?? `${res.status} ${res.statusText || 'error'}`);
  }
  if (body === null) throw new ApiError(res.status, `${path} did not answer with JSON`);
  return body;
}

// ---------------------------------------------------------------------------- formatting

const dayFormat = new Intl.DateTimeFormat('en-GB',
    {day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'});
const timeFormat = new Intl.DateTimeFormat('en-GB',
    {hour: '2-digit', minute: '2-digit', timeZone: 'UTC'});
let languageNames = null;
try {
  languageNames = new Intl.DisplayNames(['en'], {type: 'language'});
} catch {
  // older browsers: codes only
}

// "2026-03-01" or "2026-03-01T10:00:00Z" -> Date at UTC midnight of that day, or null.
function parseDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s || '');
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
}
function fmtDay(s) {
  const d = parseDay(s);
  return d ? dayFormat.format(d) : '';
}
function fmtSpan(start, end) {
  const a = fmtDay(start), b = fmtDay(end);
  if (!a && !b) return 'undated';
  if (!a || !b || a === b) return a || b;
  return `${a} – ${b}`;
}
function fmtPublished(s) {
  if (!s) return 'undated';
  const t = new Date(s);
  if (!/T\d\d:\d\d/.test(s) || isNaN(t)) return fmtDay(s) || s;
  return `${dayFormat.format(t)}, ${timeFormat.format(t)} UTC`;
}
function langName(code) {
  try {
    return (languageNames && code && languageNames.of(code)) || code || 'unknown';
  } catch {
    return code;
  }
}
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

const LANG_COLORS = {
  en: '#2f6db3', fr: '#c8413b', de: '#3d8f45', es: '#e08a1e', it: '#8a56b8', pt: '#8c5a3c',
  nl: '#d0589f', pl: '#1b9aaa', ru: '#6b6b6b', tr: '#a3a321', ar: '#3b3f8f', zh: '#9e3d3d',
};
const EXTRA_COLORS = ['#5b8c85', '#b5651d', '#7a6fb0', '#4f7cac', '#a0522d', '#6d8f3a'];
function langColor(code) {
  if (LANG_COLORS[code]) return LANG_COLORS[code];
  let x = 0;
  for (const c of String(code)) x = (x * 31 + c.codePointAt(0)) >>> 0;
  return EXTRA_COLORS[x % EXTRA_COLORS.length];
}
function langBadge(code) {
  const el = h('span', {class: 'lang', title: langName(code)}, code || '?');
  el.style.setProperty('--lang', langColor(code));
  return el;
}
function langBadges(codes) {
  return h('span', {class: 'langs'}, (codes || []).map(langBadge));
}
const RELATIONS = {
  'exact': 'exact copy', 'near-duplicate': 'near copy', 'contained': 'contained copy',
  'translation': 'translation',
};
function relationBadge(rel) {
  return rel ? h('span', {class: `rel rel-${rel}`}, RELATIONS[rel] || rel) : null;
}
// Only web links: a scraped URL may say javascript: or data:.
function safeUrl(u) {
  return /^https?:\/\//i.test(u || '') ? u : null;
}

// ---------------------------------------------------------------------------- pieces

function errorBox(e) {
  const status = e instanceof ApiError && e.status ? `Error ${e.status}` : 'Error';
  return h('div', {class: 'error', role: 'alert'}, h('strong', {}, status), ': ',
           e.message || String(e), ' ', h('a', {href: '#/'}, 'Back to the stories'));
}

// An EventBrief's `articles` is a count; a full event's is the list of representatives.
function articleCount(ev) {
  if (!Array.isArray(ev.articles)) return ev.articles ?? 0;
  return ev.articles.reduce((n, a) => n + 1 + (a.copies?.length ?? 0), 0);
}

function eventMeta(ev) {
  return h('span', {class: 'meta'}, fmtSpan(ev.start, ev.end), ' · ', langBadges(ev.languages),
           ' · ', plural(ev.sources ?? 0, 'source'), ' · ', plural(articleCount(ev), 'article'));
}

function eventItem(ev, number) {
  return h('li', {class: 'event-brief'},
           number ? h('span', {class: 'num', 'aria-hidden': 'true'}, number) : null,
           h('a', {class: 'headline', href: links.event(ev.id)}, ev.headline || ev.id), ' ',
           eventMeta(ev));
}

function storyTitle(st) {
  return st.title || st.events?.[0]?.headline || st.id;
}

function storyMeta(st) {
  return h('p', {class: 'meta'}, fmtSpan(st.start, st.end), ' · ',
           plural(st.events?.length ?? 0, 'event'), ' · ', plural(st.articles ?? 0, 'article'),
           ' · ', plural(st.sources ?? 0, 'source'), ' · ', langBadges(st.languages));
}

function articleLine(a) {
  return h('span', {class: 'meta'}, langBadge(a.lang), ' ', a.source || 'unknown source', ' · ',
           fmtPublished(a.published));
}

// A snippet from the search index is HTML-escaped text with hits marked as <b>...</b>; only
// those two tags are read, the four escapes the server writes are undone, everything else
// stays text.
const unescapeSnippet = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>')
                                .replace(/&quot;/g, '"').replace(/&amp;/g, '&');
function snippet(s) {
  const p = h('p', {class: 'snippet'});
  let bold = false;
  for (const part of String(s || '').split(/(<b>|<\/b>)/)) {
    if (part === '<b>') bold = true;
    else if (part === '</b>') bold = false;
    else if (part) p.append(bold ? h('b', {}, unescapeSnippet(part)) : unescapeSnippet(part));
  }
  return p;
}

// ---------------------------------------------------------------------------- timeline

const DAY_MS = 86400000;
const dayNumber = (s) => {
  const d = parseDay(s);
  return d ? Math.round(d.getTime() / DAY_MS) : null;
};
const shortDay = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short', timeZone: 'UTC'});
const monthYear = new Intl.DateTimeFormat('en-GB', {month: 'short', year: 'numeric', timeZone: 'UTC'});

// The story as inline SVG: its events as numbered spans on a time axis (lanes when they
// overlap), and under them the articles of each day as bars stacked by language.
function timeline(story, width) {
  const events = story.events || [];
  const days = (story.days || []).filter((d) => dayNumber(d.day) !== null && d.articles > 0);
  const points = [];
  for (const e of events) points.push(dayNumber(e.start), dayNumber(e.end));
  for (const d of days) points.push(dayNumber(d.day));
  const dated = points.filter((x) => x !== null);
  if (!dated.length) return h('p', {class: 'note'}, 'No dated articles: nothing to draw.');
  let lo = Math.min(...dated), hi = Math.max(...dated) + 1;
  if (hi - lo < 7) {  // at least a week, so one day is not one huge bar
    const pad = (7 - (hi - lo)) / 2;
    lo -= Math.floor(pad);
    hi += Math.ceil(pad);
  }
  const W = Math.max(280, Math.round(width)), left = 12, right = 12;
  const x = (day) => left + ((day - lo) / (hi - lo)) * (W - left - right);
  const dayW = (W - left - right) / (hi - lo);

  // Events: a span from first to last day with a numbered circle; lanes when they overlap.
  const lanes = [];
  const marks = events.map((e, i) => {
    const s = dayNumber(e.start) ?? dayNumber(e.end), t = dayNumber(e.end) ?? s;
    if (s === null) return null;
    const x0 = x(s), x1 = Math.max(x(t + 1), x0 + 4);
    const cx = Math.min(W - 10, Math.max(10, x1 - x0 < 18 ? (x0 + x1) / 2 : x0 + 9));
    const from = Math.min(x0, cx - 10), to = Math.max(x1, cx + 10);
    let lane = lanes.findIndex((end) => end <= from);
    if (lane < 0) lane = lanes.push(0) - 1;
    lanes[lane] = to + 4;
    return {e, i, x0, x1, cx, lane};
  }).filter(Boolean);
  const laneH = 26, top = 6, eventsH = top + lanes.length * laneH;

  // Bars: per day, stacked by language.
  const byDay = new Map();
  for (const d of days) {
    const k = dayNumber(d.day);
    if (!byDay.has(k)) byDay.set(k, []);
    byDay.get(k).push(d);
  }
  const maxTotal = Math.max(1, ...[...byDay.values()].map((l) => l.reduce((n, d) => n + d.articles, 0)));
  const barsTop = eventsH + 8, barsH = 70, axisY = barsTop + barsH, H = axisY + 24;
  const unit = barsH / maxTotal, bw = Math.max(3, Math.min(dayW * 0.8, 40));
  const langOrder = story.languages?.length ? story.languages : [...new Set(days.map((d) => d.lang))];
  const rank = (l) => (langOrder.indexOf(l) + 1) || 99;

  const g = svg('svg', {class: 'timeline', width: W, height: H, viewBox: `0 0 ${W} ${H}`,
                        role: 'img',
                        'aria-label': `Timeline: ${plural(events.length, 'event')}, ${fmtSpan(story.start, story.end)}`});
  for (const m of marks) {
    g.append(svg('line', {x1: m.cx, x2: m.cx, y1: top + m.lane * laneH + 19, y2: axisY, class: 'guide'}));
  }
  for (const [k, list] of byDay) {
    let y = axisY;
    for (const d of list.sort((a, b) => rank(a.lang) - rank(b.lang))) {
      const hgt = d.articles * unit;
      y -= hgt;
      g.append(svg('rect', {class: 'bar', x: x(k) + (dayW - bw) / 2, y, width: bw, height: hgt,
                            fill: langColor(d.lang)},
                   svg('title', {}, `${fmtDay(d.day)}: ${plural(d.articles, 'article')} in ${langName(d.lang)}`)));
    }
  }
  for (const m of marks) {
    const y = top + m.lane * laneH + 10;
    g.append(svg('a', {href: links.event(m.e.id), class: 'ev'},
                 svg('title', {}, `${m.i + 1}. ${m.e.headline || m.e.id} (${fmtSpan(m.e.start, m.e.end)})`),
                 svg('rect', {x: m.x0, y: y - 3, width: m.x1 - m.x0, height: 6, rx: 3, class: 'span'}),
                 svg('circle', {cx: m.cx, cy: y, r: 9}),
                 svg('text', {x: m.cx, y: y + 4, class: 'evnum'}, String(m.i + 1))));
  }
  // Axis and ticks: days, weeks, months or years, as many as fit.
  g.append(svg('line', {x1: left, x2: W - right, y1: axisY, y2: axisY, class: 'axis'}));
  const span = hi - lo;
  const step = span <= 14 ? 1 : span <= 90 ? 7 : 0;
  const ticks = [];
  for (let d = lo; d <= hi; d++) {
    const date = new Date(d * DAY_MS);
    if (step ? (d - lo) % step === 0 : date.getUTCDate() === 1 &&
        (span <= 800 || date.getUTCMonth() === 0)) ticks.push([d, date]);
  }
  let lastX = -Infinity;
  for (const [d, date] of ticks) {
    const tx = x(d);
    g.append(svg('line', {x1: tx, x2: tx, y1: axisY, y2: axisY + 4, class: 'axis'}));
    if (tx - lastX < 52 || tx > W - 24) continue;
    lastX = tx;
    g.append(svg('text', {x: tx, y: axisY + 16, class: 'tick'},
                 step ? shortDay.format(date) : monthYear.format(date)));
  }
  return g;
}

function timelineFigure(story) {
  const fig = h('figure', {class: 'timeline-box'});
  const langs = story.languages?.length ? story.languages
                                        : [...new Set((story.days || []).map((d) => d.lang))];
  const legend = h('figcaption', {class: 'legend'}, 'Articles per day, by language: ',
                   langs.map((l) => h('span', {class: 'key'}, langBadge(l), ' ', langName(l))));
  let drawn = 0;
  const draw = () => {
    const w = fig.clientWidth || view.clientWidth || 600;
    if (Math.abs(w - drawn) < 16) return;
    drawn = w;
    const old = fig.querySelector('.timeline, .note');
    const fresh = timeline(story, w);
    if (old) old.replaceWith(fresh);
    else fig.prepend(fresh);
  };
  fig.append(legend);
  draw();
  if (window.ResizeObserver) new ResizeObserver(draw).observe(fig);
  return fig;
}

// ---------------------------------------------------------------------------- views
// Each view returns {title, nodes}; the router puts them on the page.

async function storiesView(params) {
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const data = await api(`/api/stories?offset=${offset}&limit=${PAGE_SIZE}`);
  const stories = data.stories || [];
  const total = data.total ?? stories.length;
  const list = h('ol', {class: 'stories'}, stories.map((st) =>
      h('li', {class: 'story card'},
        h('h2', {}, h('a', {href: links.story(st.id)}, storyTitle(st))),
        storyMeta(st),
        h('ol', {class: 'events'}, (st.events || []).map((e) => eventItem(e))))));
  const pager = h('nav', {class: 'pager'},
      offset > 0 ? h('a', {href: `#/?offset=${Math.max(0, offset - PAGE_SIZE)}`}, '← Newer') : null,
      offset + stories.length < total ? h('a', {href: `#/?offset=${offset + PAGE_SIZE}`}, 'Older →') : null);
  return {
    title: 'Stories',
    nodes: [h('h1', {}, 'Stories'),
            h('p', {class: 'lead'}, total ? `${plural(total, 'story', 'stories')}, most recent first.`
                                          : 'No stories yet: ingest some articles.'),
            list, pager],
  };
}

async function storyView(id) {
  const st = await api(`/api/stories/${enc(id)}`);
  const events = st.events || [];
  return {
    title: storyTitle(st),
    nodes: [h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Stories'), ' › story'),
            h('h1', {}, storyTitle(st)), storyMeta(st), timelineFigure(st),
            h('h2', {}, 'Events'),
            h('ol', {class: 'events numbered'}, events.map((e, i) => eventItem(e, i + 1)))],
  };
}

async function eventView(id) {
  const ev = await api(`/api/events/${enc(id)}`);
  const story = ev.story ? await api(`/api/stories/${enc(ev.story)}`).catch(() => null) : null;
  const reps = ev.articles || [];
  const order = [...(ev.languages || [])];
  for (const a of reps) if (!order.includes(a.lang)) order.push(a.lang);

  // Two articles picked with the checkboxes open the compare view.
  const picks = [];
  const compare = h('a', {class: 'button', 'aria-disabled': 'true'}, 'Compare');
  const pickBox = (a) => h('label', {class: 'pick'},
      h('input', {type: 'checkbox', value: a.id, onchange: (e) => {
        const i = picks.indexOf(a.id);
        if (e.target.checked && i < 0) picks.push(a.id);
        if (!e.target.checked && i >= 0) picks.splice(i, 1);
        while (picks.length > 2) {
          const gone = picks.shift();
          for (const box of view.querySelectorAll('.pick input')) if (box.value === gone) box.checked = false;
        }
        if (picks.length === 2) {
          compare.setAttribute('href', links.compare(picks[0], picks[1]));
          compare.removeAttribute('aria-disabled');
        } else {
          compare.removeAttribute('href');
          compare.setAttribute('aria-disabled', 'true');
        }
      }}), ' compare');

  const card = (a) => {
    const copies = a.copies || [];
    const kinds = copies.filter((c) => c.relation === 'translation').length;
    const summary = [copies.length - kinds ? plural(copies.length - kinds, 'copy', 'copies') : null,
                     kinds ? plural(kinds, 'translation') : null].filter(Boolean).join(', ');
    return h('article', {class: 'art card', 'data-id': a.id},
      h('h3', {}, h('a', {href: links.article(a.id)}, a.title || a.id)),
      h('p', {}, articleLine(a)), pickBox(a),
      copies.length ? h('details', {class: 'copies'}, h('summary', {}, summary),
          h('ul', {}, copies.map((c) => h('li', {class: 'copy', 'data-id': c.id},
              relationBadge(c.relation), ' ', h('a', {href: links.article(c.id)}, c.title || c.id),
              h('br'), articleLine(c), ' ', pickBox(c))))) : null);
  };
  const columns = h('div', {class: 'columns'}, order.map((lang) => {
    const mine = reps.filter((a) => a.lang === lang);
    if (!mine.length) return null;
    return h('section', {class: 'lang-column', 'data-lang': lang},
             h('h2', {}, langBadge(lang), ' ', langName(lang), h('span', {class: 'count'}, ` (${mine.length})`)),
             mine.map(card));
  }));
  return {
    title: ev.headline || ev.id,
    nodes: [h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Stories'), ' › ',
              ev.story ? h('a', {href: links.story(ev.story)}, story ? storyTitle(story) : `story ${ev.story}`) : 'event'),
            h('h1', {}, ev.headline || ev.id), h('p', {}, eventMeta(ev)),
            ev.entities?.length ? h('p', {class: 'entities'}, 'Names: ',
              ev.entities.map((n) => h('a', {class: 'chip', href: links.search(n)}, n))) : null,
            h('p', {class: 'compare-bar'}, 'Tick two articles, then ', compare, '.'),
            columns, statements(ev)],
  };
}

// Who said what: each statement with its renderings by language, claims beside denials.
function statements(ev) {
  const quotes = ev.quotes || [], claims = ev.claims || [];
  if (!quotes.length && !claims.length) return null;
  const quoteItem = (q) => h('li', {class: 'quote'},
      h('strong', {}, q.speaker || 'unknown speaker'),
      h('ul', {}, (q.renderings || []).map((r) => h('li', {},
          langBadge(r.lang), ' “', r.text, '” ',
          h('a', {class: 'source', href: links.article(r.article)}, 'article')))));
  const claimItem = (c) => h('li', {class: `claim ${c.stance}`, 'data-stance': c.stance},
      h('span', {class: 'stance'}, c.stance), ' ', h('strong', {}, c.actor || '?'),
      c.target ? [' → ', c.target] : null, ': ', c.text, ' ', langBadge(c.lang), ' ',
      h('a', {class: 'source', href: links.article(c.article)}, 'article'));
  return h('section', {class: 'statements'},
      h('h2', {}, 'Who said what'),
      quotes.length ? h('ul', {class: 'quotes'}, quotes.map(quoteItem)) : null,
      claims.length ? h('ul', {class: 'claims'}, claims.map((c) =>
          c.replies_to >= 0 ? h('li', {class: 'reply'}, h('ul', {}, claimItem(c))) : claimItem(c)))
        : null);
}

// Byte offsets (UTF-8) of the removed spans -> raw text with each span in <del>.
function rawWithRemoved(text, removed) {
  const bytes = new TextEncoder().encode(text || '');
  const dec = new TextDecoder();
  const out = h('div', {class: 'text raw-text'});
  let at = 0;
  const spans = [...(removed || [])].sort((a, b) => a.start - b.start);
  for (const r of spans) {
    const s = Math.max(at, Math.min(r.start, bytes.length)), e = Math.min(r.end, bytes.length);
    if (e <= s) continue;
    if (s > at) out.append(dec.decode(bytes.subarray(at, s)));
    out.append(h('del', {class: 'removed', title: r.reason || 'removed'}, dec.decode(bytes.subarray(s, e))));
    at = e;
  }
  if (at < bytes.length) out.append(dec.decode(bytes.subarray(at)));
  return out;
}

async function articleView(id) {
  const a = await api(`/api/articles/${enc(id)}`);
  const removed = a.removed || [];
  const body = h('div', {class: 'article-body'},
                 h('div', {class: 'text clean-text'}, a.clean ?? ''), rawWithRemoved(a.text, removed));
  const toggle = h('label', {class: 'toggle'},
      h('input', {type: 'checkbox', id: 'show-removed',
                  onchange: (e) => body.classList.toggle('show-removed', e.target.checked)}),
      ` show removed chrome (${plural(removed.length, 'span')})`);
  const url = safeUrl(a.url);
  const similar = h('section', {class: 'similar'}, h('h2', {}, 'Similar articles'), h('p', {class: 'loading'}, 'Loading…'));
  api(`/api/articles/${enc(id)}/similar?limit=10`).then((d) => {
    const list = d.similar || [];
    similar.replaceChildren(h('h2', {}, 'Similar articles'), list.length ? h('ul', {class: 'plain'}, list.map((s) =>
        h('li', {}, h('a', {href: links.article(s.id)}, s.title || s.id), ' ', articleLine(s),
          typeof s.overall === 'number' ? ` · score ${s.overall.toFixed(2)}` : '', ' · ',
          h('a', {href: links.compare(a.id, s.id)}, 'compare')))) : h('p', {}, 'None found.'));
  }, (e) => similar.replaceChildren(h('h2', {}, 'Similar articles'), errorBox(e)));
  return {
    title: a.title || a.id,
    nodes: [h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Stories'),
              a.story ? [' › ', h('a', {href: links.story(a.story)}, `story ${a.story}`)] : null,
              a.event ? [' › ', h('a', {href: links.event(a.event)}, `event ${a.event}`)] : null),
            h('h1', {}, a.title || a.id),
            h('p', {}, articleLine(a), url ? [' · ', h('a', {href: url, rel: 'noopener noreferrer nofollow'}, 'original')] : null),
            a.relation ? h('p', {class: 'relation'}, relationBadge(a.relation), ' of ',
                           h('a', {href: links.article(a.duplicate_of)}, a.duplicate_of)) : null,
            a.copies?.length ? h('p', {}, 'Copies and translations of this article: ', a.copies.map((c) =>
                [h('a', {href: links.article(c.id), class: 'chip', title: RELATIONS[c.relation] || c.relation},
                   langBadge(c.lang), ' ', c.source || c.title || c.id), ' '])) : null,
            toggle, body, similar],
  };
}

async function searchView(params) {
  const q = (params.get('q') || '').trim();
  if (!q) return {title: 'Search', nodes: [h('h1', {}, 'Search'), h('p', {}, 'Type words in the box above.')]};
  const data = await api(`/api/search?q=${enc(q)}&limit=50`);
  const results = data.results || [];
  return {
    title: `Search: ${q}`,
    nodes: [h('h1', {}, 'Search: ', h('q', {}, q)),
            h('p', {class: 'lead'}, results.length ? `${plural(results.length, 'article')} found, in every language.`
                                                   : 'No article matches.'),
            h('ol', {class: 'results'}, results.map((r) => h('li', {class: 'result card'},
              h('h2', {}, h('a', {href: links.article(r.id)}, r.title || r.id)),
              h('p', {}, articleLine(r), relationBadge(r.relation) ? [' · ', relationBadge(r.relation)] : null,
                r.event ? [' · ', h('a', {href: links.event(r.event)}, `event ${r.event}`)] : null),
              snippet(r.snippet))))],
  };
}

// Text with every occurrence of the given words (whole words, any case) in <mark>.
function highlighted(text, entities, terms) {
  const out = h('div', {class: 'text'});
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const kind = new Map();
  for (const t of terms || []) if (t) kind.set(t.toLocaleLowerCase(), 'term');
  for (const e of entities || []) if (e) kind.set(e.toLocaleLowerCase(), 'entity');
  const words = [...kind.keys()].sort((a, b) => b.length - a.length);
  if (!words.length) {
    out.append(text || '');
    return out;
  }
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(esc).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  let at = 0;
  for (const m of (text || '').matchAll(re)) {
    if (m.index > at) out.append(text.slice(at, m.index));
    out.append(h('mark', {class: kind.get(m[0].toLocaleLowerCase()) || 'term'}, m[0]));
    at = m.index + m[0].length;
  }
  out.append(text.slice(at));
  return out;
}

async function compareView(params) {
  const a = params.get('a'), b = params.get('b');
  if (!a || !b) throw new ApiError(400, 'compare needs two articles: #/compare?a=ID&b=ID');
  const [sim, A, B] = await Promise.all([
    api(`/api/similarity?a=${enc(a)}&b=${enc(b)}`), api(`/api/articles/${enc(a)}`), api(`/api/articles/${enc(b)}`)]);
  const entities = sim.shared_entities || [];
  // shared_terms, or each side's own words for them (terms_a, terms_b), once each and
  // without the names listed above them
  const seen = new Set(entities.map((e) => String(e).toLocaleLowerCase()));
  const terms = [...(sim.shared_terms || []), ...(sim.terms_a || []), ...(sim.terms_b || [])].filter((t) => {
    const k = String(t).toLocaleLowerCase();
    return !seen.has(k) && seen.add(k);
  });
  const scores = ['overall', 'geography', 'entities', 'time', 'narrative'].filter((k) => typeof sim[k] === 'number');
  const side = (art, terms) => h('section', {class: 'side'},
      h('h2', {}, h('a', {href: links.article(art.id)}, art.title || art.id)), h('p', {}, articleLine(art)),
      highlighted(art.clean || art.text, entities, terms));
  return {
    title: 'Compare',
    nodes: [h('h1', {}, 'Compare two articles'),
            h('table', {class: 'scores'},
              h('caption', {}, '1 = same event … 4 = unrelated'),
              scores.map((k) => h('tr', {}, h('th', {}, k), h('td', {}, sim[k].toFixed(2)),
                h('td', {}, h('meter', {min: 1, max: 4, low: 2, high: 3, optimum: 1, value: sim[k]}))))),
            sim.reasons?.length ? h('ul', {class: 'reasons'}, sim.reasons.map((r) => h('li', {}, r))) : null,
            h('p', {class: 'shared'}, 'Shared names: ', entities.length ? entities.map((e) => h('mark', {class: 'entity'}, e)) : 'none'),
            h('p', {class: 'shared'}, 'Shared terms: ', terms.length ? terms.map((t) => h('mark', {class: 'term'}, t)) : 'none'),
            h('div', {class: 'compare'}, side(A, sim.terms_a || sim.shared_terms), side(B, sim.terms_b || sim.shared_terms))],
  };
}

// ---------------------------------------------------------------------------- router

// "#/event/e%2F1?x=1" -> {parts: ['event', 'e/1'], params: URLSearchParams('x=1')}
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const parts = path.split('/').filter((p) => p !== '').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return {parts, params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1))};
}

function pick({parts, params}) {
  const [name, id] = parts;
  if (!name) return ['stories', () => storiesView(params)];
  if (name === 'story' && id) return ['story', () => storyView(id)];
  if (name === 'event' && id) return ['event', () => eventView(id)];
  if (name === 'article' && id) return ['article', () => articleView(id)];
  if (name === 'search') return ['search', () => searchView(params)];
  if (name === 'compare') return ['compare', () => compareView(params)];
  return ['missing', async () => { throw new ApiError(404, `no page ${location.hash}`); }];
}

let generation = 0;
async function route() {
  const mine = ++generation;
  const r = parseHash();
  const [name, render] = pick(r);
  const input = document.getElementById('search-input');
  if (name === 'search') input.value = r.params.get('q') || '';
  view.dataset.state = 'loading';
  view.dataset.view = name;
  view.replaceChildren(h('p', {class: 'loading'}, 'Loading…'));
  try {
    const {title, nodes} = await render();
    if (mine !== generation) return;  // the reader has moved on
    document.title = `${title} · newsweave`;
    view.replaceChildren(...nodes.filter(Boolean));
    view.dataset.state = 'ready';
  } catch (e) {
    if (mine !== generation) return;
    document.title = 'Error · newsweave';
    view.replaceChildren(errorBox(e));
    view.dataset.state = 'error';
  }
  window.scrollTo(0, 0);
}

document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('search-input').value.trim();
  if (!q) return;
  const target = links.search(q);
  if (location.hash === target) route();
  else location.hash = target;
});
window.addEventListener('hashchange', route);
route();
