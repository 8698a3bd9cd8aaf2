// Steppe's embeddable widgets: <steppe-ticker quote="USD"> and <steppe-headlines country="KZ">.
//
// Each fetches one trusted document by its sha256 hash with a plain GET (no query text, no
// custom headers: a CORS "simple" request that CDNs and the browser cache can keep), renders
// semantic markup in an open shadow root, and refreshes every `refresh` seconds. The ticker
// listens to the live feed instead (a GET subscription over Server-Sent Events, which sends the
// ticker at once and again after each change) and falls back to polling when the stream is
// refused or drops; `live="off"` keeps it polling. All text from
// the API goes in through textContent, never innerHTML. Theme it with the --steppe-* custom
// properties below, or style the parts with ::part(...).
(() => {
  'use strict';
  const DOCUMENTS = __STEPPE_DOCUMENTS__; // {name: sha256}, filled in by the server
  const script = document.currentScript;
  const ORIGIN = script && script.src ? new URL(script.src).origin : window.location.origin;

  const CSS = `
    :host { display: block; font: var(--steppe-font, inherit); color: var(--steppe-color, inherit); }
    :host([hidden]) { display: none; }
    section { border: 1px solid var(--steppe-border, rgba(0, 0, 0, 0.15));
      border-radius: var(--steppe-radius, 6px); padding: var(--steppe-padding, 0.75rem 1rem);
      background: var(--steppe-background, transparent); }
    h2 { font-size: var(--steppe-title-size, 1rem); margin: 0 0 0.5rem; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    caption { text-align: start; color: var(--steppe-muted, #5b6470); font-size: 0.85em;
      caption-side: bottom; padding-top: 0.4rem; }
    th, td { padding: 0.25rem 0.5rem 0.25rem 0; text-align: start; }
    thead th { font-size: 0.8em; color: var(--steppe-muted, #5b6470); font-weight: 600;
      border-bottom: 1px solid var(--steppe-border, rgba(0, 0, 0, 0.15)); }
    td.num, th.num { text-align: end; }
    [data-trend="up"] { color: var(--steppe-up, #1a7f37); }
    [data-trend="down"] { color: var(--steppe-down, #b42318); }
    ol { list-style: none; margin: 0; padding: 0; }
    li { padding: 0.4rem 0; border-top: 1px solid var(--steppe-border, rgba(0, 0, 0, 0.15)); }
    li:first-child { border-top: 0; padding-top: 0; }
    a { color: var(--steppe-accent, inherit); }
    .meta { display: block; color: var(--steppe-muted, #5b6470); font-size: 0.85em; margin-top: 0.15rem; }
    [role="status"]:empty { display: none; }
    [role="status"] { color: var(--steppe-muted, #5b6470); font-size: 0.85em; margin: 0.25rem 0 0; }
  `;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child); // strings become text nodes
    return node;
  }

  function formatDate(iso, lang) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' })
      .format(new Date(Date.UTC(y, m - 1, d)));
  }

  class SteppeWidget extends HTMLElement {
    static observedAttributes = ['refresh', 'endpoint'];

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS); // constructed sheets pass a strict style-src CSP
        root.adoptedStyleSheets = [sheet];
      } else {
        root.append(el('style', {}, CSS));
      }
      this.status = el('p', { role: 'status', part: 'status' }, 'Loading…');
      this.body = el('div', { part: 'body' });
      this.section = el('section', { part: 'root', 'aria-busy': 'true' }, this.body, this.status);
      root.append(this.section);
    }

    connectedCallback() {
      if (!this.listen()) { this.load(); this.schedule(); }
    }

    disconnectedCallback() { clearInterval(this.timer); this.stopListening(); }
    attributeChangedCallback() { if (this.isConnected) this.schedule(); }

    get endpoint() {
      return new URL(this.getAttribute('endpoint') || `${ORIGIN}/graphql`, window.location.href);
    }

    // The live feed, for widgets with a subscription: true when a stream is open (at most one
    // per element). Its first event is the current state, so no separate first fetch is made.
    listen() {
      const subscription = this.constructor.subscription;
      if (!subscription || typeof EventSource !== 'function' || this.getAttribute('live') === 'off') return false;
      if (this.stream) return true;
      const url = this.endpoint;
      url.searchParams.set('query', subscription);
      url.searchParams.set('variables', JSON.stringify(this.variables()));
      const stream = new EventSource(url); // never with credentials
      this.stream = stream;
      clearInterval(this.timer);
      stream.addEventListener('next', (event) => {
        let payload;
        try { payload = JSON.parse(event.data); } catch { payload = null; }
        if (!payload?.data || payload.errors) { this.fallBack(); return; }
        this.dataset.feed = 'live';
        this.show(this.liveData(payload.data));
      });
      stream.addEventListener('complete', () => this.fallBack()); // the server ended it
      stream.addEventListener('error', () => this.fallBack()); // refused (429), blocked by CORS, dropped
      return true;
    }

    stopListening() {
      if (!this.stream) return;
      this.stream.close();
      this.stream = null;
    }

    // Back to polling: fetch now (the stream may have sent nothing), then every `refresh`.
    fallBack() {
      if (!this.stream) return;
      this.stopListening();
      this.load();
      this.schedule();
    }

    schedule() {
      clearInterval(this.timer);
      if (this.stream) return; // live: the stream sends every change
      const seconds = Number(this.getAttribute('refresh') ?? 300);
      if (seconds > 0) this.timer = setInterval(() => this.load(), Math.max(seconds, 15) * 1000);
    }

    async load() {
      this.section.setAttribute('aria-busy', 'true');
      try {
        const url = this.endpoint;
        const hash = DOCUMENTS[this.constructor.documentName];
        url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
        url.searchParams.set('variables', JSON.stringify(this.variables()));
        const response = await fetch(url, { credentials: 'omit' });
        const payload = await response.json();
        if (!response.ok || payload.errors) throw new Error(payload.errors?.[0]?.message ?? response.statusText);
        this.show(payload.data, false);
        this.dataset.feed = 'polling';
      } catch (error) {
        this.status.textContent = `Could not load: ${error.message}`;
      } finally {
        this.loaded();
      }
    }

    show(data, done = true) {
      this.body.replaceChildren(this.render(data));
      this.status.textContent = '';
      if (done) this.loaded();
    }

    loaded() {
      this.section.setAttribute('aria-busy', 'false');
      this.dispatchEvent(new CustomEvent('steppe:loaded', { bubbles: true }));
    }

    get lang() { return this.closest('[lang]')?.getAttribute('lang') || undefined; }
  }

  class SteppeTicker extends SteppeWidget {
    static documentName = 'Ticker';
    // The fields of queries/Ticker.graphql, as a subscription.
    static subscription = 'subscription TickerLive($quote: String = "USD") { tickerUpdated(quote: $quote) '
      + '{ pair rate changePercent asOf base { code name } } }';

    liveData(data) { return { ticker: data.tickerUpdated }; }

    variables() { return { quote: (this.getAttribute('quote') || 'USD').toUpperCase() }; }

    render(data) {
      const quote = this.variables().quote;
      const title = this.getAttribute('heading') || `Exchange rates against ${quote}`;
      const rows = data.ticker.map((rate) => {
        const change = rate.changePercent == null ? '' : `${rate.changePercent}%`;
        const trend = !change || Number(rate.changePercent) === 0 ? 'flat' : Number(rate.changePercent) > 0 ? 'up' : 'down';
        return el('tr', { part: 'row' },
          el('th', { scope: 'row' }, el('abbr', { title: rate.base.name }, rate.base.code)),
          el('td', { class: 'num' }, rate.rate),
          el('td', { class: 'num', 'data-trend': trend }, trend === 'up' ? `+${change}` : change));
      });
      const asOf = data.ticker.length ? data.ticker[0].asOf : null;
      const caption = el('caption', { part: 'caption' });
      if (asOf) caption.append('As of ', el('time', { datetime: asOf }, formatDate(asOf, this.lang)));
      const head = el('tr', {}, el('th', { scope: 'col' }, 'Currency'),
        el('th', { scope: 'col', class: 'num' }, `Rate (${quote})`), el('th', { scope: 'col', class: 'num' }, 'Change'));
      const table = el('table', { part: 'table' }, caption, el('thead', {}, head), el('tbody', {}, ...rows));
      return el('div', {}, el('h2', { part: 'title' }, title), table);
    }
  }

  class SteppeHeadlines extends SteppeWidget {
    static documentName = 'Headlines';

    variables() {
      const limit = Math.min(Math.max(Math.floor(Number(this.getAttribute('limit') || 5)) || 5, 1), 20);
      const country = this.getAttribute('country');
      return country ? { first: limit, country: country.toUpperCase() } : { first: limit };
    }

    render(data) {
      const country = this.variables().country;
      const title = this.getAttribute('heading') || (country ? `Latest from ${country}` : 'Latest headlines');
      const template = this.getAttribute('href-template'); // e.g. https://news.example/{slug}
      const items = data.headlines.map((article) => {
        const headline = template
          ? el('a', { part: 'link', href: template.replace('{slug}', encodeURIComponent(article.slug)) }, article.title)
          : el('span', { part: 'headline' }, article.title);
        const meta = el('span', { class: 'meta', part: 'meta' },
          el('time', { datetime: article.publishedOn }, formatDate(article.publishedOn, this.lang)));
        const names = article.authors.map((a) => a.name).join(', ');
        if (names) meta.append(` · ${names}`);
        return el('li', { part: 'item' }, headline, meta);
      });
      const list = items.length ? el('ol', { part: 'list' }, ...items) : el('p', {}, 'No articles yet.');
      return el('div', {}, el('h2', { part: 'title' }, title), list);
    }
  }

  if (!customElements.get('steppe-ticker')) customElements.define('steppe-ticker', SteppeTicker);
  if (!customElements.get('steppe-headlines')) customElements.define('steppe-headlines', SteppeHeadlines);
})();
