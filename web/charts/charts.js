// The analysts' charts: a search's hits per month (the `months` facet) and the countries and
// organizations most often named with the search's top country (`coMentioned`), as SVG built
// with DOM calls. Every piece of data goes in as textContent or an attribute, never as markup.
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const SEARCH = `query ChartsSearch($text: String!) {
  search(text: $text, first: 0, facetLimit: 100) {
    totalCount
    partial
    facets { months { value label count } countries { value label count } truncated }
  }
}`;
  const COMPANY = `query ChartsCompany($code: String!) {
  country(code: $code) {
    name
    coMentioned(first: 10) {
      count
      entity { __typename ... on Country { code name } ... on Organization { slug name } }
    }
  }
}`;

  const $ = (id) => document.getElementById(id);
  const main = $('charts');
  const input = $('text');
  let latest = 0; // only the newest search may draw: answers can arrive out of order

  class GraphQLError extends Error {}

  async function graphql(query, variables) {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new GraphQLError(`The server answered HTTP ${response.status} without JSON.`);
    }
    if (body.errors?.length) {
      const text = body.errors.map((e) => (e.extensions?.code ? `${e.extensions.code}: ` : '') + e.message);
      throw new GraphQLError(text.join(' '));
    }
    if (!response.ok || !body.data) throw new GraphQLError(`The server answered HTTP ${response.status}.`);
    return body.data;
  }

  function el(tag, attributes = {}, text) {
    const node = tag.startsWith('svg:')
      ? document.createElementNS(SVG, tag.slice(4))
      : document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function setState(state, text, message) {
    main.dataset.state = state;
    main.dataset.text = text;
    main.setAttribute('aria-busy', String(state === 'loading'));
    $('status').textContent = message;
    $('status').hidden = state === 'error';
  }

  function reset() {
    for (const id of ['error', 'summary', 'months', 'company']) $(id).hidden = true;
    for (const id of ['months-chart', 'company-chart', 'months-caption', 'company-caption']) $(id).replaceChildren();
    for (const extra of main.querySelectorAll('figure details, figure .legend')) extra.remove();
    drawn.clear();
    $('company-heading').textContent = 'Named alongside the top country';
  }

  function plural(n, one, many) {
    return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
  }

  // A step of 1, 2 or 5 times a power of ten giving about four grid lines up to `max`.
  function gridStep(max) {
    const rough = Math.max(1, max / 4);
    const power = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
    return Math.max(1, Math.round(step));
  }

  function monthIndex(value) {
    const [year, month] = value.split('-').map(Number);
    return year * 12 + month - 1;
  }

  function shortMonth(bucket) {
    return `${bucket.label.slice(0, 3)} ${bucket.value.slice(0, 4)}`;
  }

  // Charts are drawn at the width they are shown at, so text keeps its size on any screen, and
  // drawn again when that width changes.
  const drawn = new Map();

  function place(id, build) {
    drawn.set(id, build);
    $(id).replaceChildren(build(Math.max(300, $(id).clientWidth || 960)));
  }

  window.addEventListener('resize', () => {
    clearTimeout(place.timer);
    place.timer = setTimeout(() => drawn.forEach((build, id) => place(id, build)), 150);
  });

  function chart(width, height, title) {
    const svg = el('svg:svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img' });
    svg.append(el('svg:title', {}, title));
    return svg;
  }

  function monthsSvg(months, width) {
    const height = 280, left = 40, right = 12, top = 24, bottom = 36;
    const plotWidth = width - left - right, plotHeight = height - top - bottom;
    const step = gridStep(Math.max(...months.map((m) => m.count)));
    const ceiling = Math.ceil(Math.max(...months.map((m) => m.count)) / step) * step;
    const y = (count) => top + plotHeight - (count / ceiling) * plotHeight;
    const band = plotWidth / months.length;
    const barWidth = Math.min(48, band * 0.72);
    const labelEvery = Math.ceil(months.length / Math.max(1, Math.floor(plotWidth / 76)));
    const svg = chart(width, height, `Hits per month, ${plural(months.length, 'month', 'months')} with hits`);
    for (let tick = 0; tick <= ceiling; tick += step) {
      svg.append(el('svg:line', { class: 'grid', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }));
      svg.append(el('svg:text', { class: 'tick', x: left - 8, y: y(tick) + 4, 'text-anchor': 'end' }, tick));
    }
    months.forEach((bucket, i) => {
      const x = left + band * i + (band - barWidth) / 2, middle = x + barWidth / 2;
      if (i > 0 && monthIndex(bucket.value) - monthIndex(months[i - 1].value) > 1) {
        svg.append(el('svg:line', { class: 'gap', x1: x - (band - barWidth) / 2, x2: x - (band - barWidth) / 2, y1: top, y2: y(0) }));
      }
      const bar = el('svg:rect', { class: 'bar', x, width: barWidth, y: y(bucket.count), height: y(0) - y(bucket.count) });
      bar.append(el('svg:title', {}, `${bucket.label}: ${plural(bucket.count, 'hit', 'hits')}`));
      svg.append(bar);
      if (band >= 24) svg.append(el('svg:text', { class: 'value', x: middle, y: y(bucket.count) - 6, 'text-anchor': 'middle' }, bucket.count));
      // a month label is about 56px wide: keep the last one inside the chart
      if (i % labelEvery === 0) svg.append(el('svg:text', { class: 'tick', x: Math.min(middle, width - 30), y: y(0) + 20, 'text-anchor': 'middle' }, shortMonth(bucket)));
    });
    svg.append(el('svg:line', { class: 'axis', x1: left, x2: width - right, y1: y(0), y2: y(0) }));
    return svg;
  }

  function companySvg(country, mentions, width) {
    const row = 30, top = 4, right = 40, left = Math.min(330, Math.round(width * 0.45));
    const fits = Math.floor((left - 16) / 7.6); // characters of a 14px name that fit its column
    const max = Math.max(...mentions.map((m) => m.count));
    const scale = (count) => Math.max(2, (count / max) * (width - left - right));
    const svg = chart(width, top * 2 + row * mentions.length, `Named alongside ${country.name}, by articles`);
    mentions.forEach((mention, i) => {
      const { name, __typename: kind } = mention.entity;
      const y = top + row * i, baseline = y + row / 2 + 5;
      const label = el('svg:text', { class: 'name', x: left - 10, y: baseline, 'text-anchor': 'end' },
        name.length > fits ? `${name.slice(0, fits - 1)}…` : name);
      const bar = el('svg:rect', { class: `bar ${kind.toLowerCase()}`, x: left, y: y + 5, width: scale(mention.count), height: row - 10, 'data-name': name });
      bar.append(el('svg:title', {}, `${name} (${kind.toLowerCase()}): ${plural(mention.count, 'article', 'articles')}`));
      label.append(el('svg:title', {}, name));
      svg.append(label, bar, el('svg:text', { class: 'value', x: left + scale(mention.count) + 8, y: baseline }, mention.count));
    });
    return svg;
  }

  function showMonths(months, truncated) {
    $('months').hidden = false;
    place('months-chart', (width) => monthsSvg(months, width));
    const notes = ['Months without hits are left out; a dashed line marks where some were skipped.'];
    if (truncated) notes.push('Only the newest 100 months with hits are shown.');
    $('months-caption').textContent = notes.join(' ');
    $('months-caption').after(table(['Month', 'Hits'], months.map((m) => [m.label, m.count])));
  }

  function showCompany(country, mentions) {
    $('company-heading').textContent = `Named alongside ${country.name}, the search’s top country`;
    $('company').hidden = false;
    if (mentions.length === 0) {
      $('company-caption').textContent = `No other country or organization is named in articles about ${country.name}.`;
      return;
    }
    const legend = el('p', { class: 'legend' });
    legend.append(el('span', { class: 'key country' }, 'Country'), el('span', { class: 'key organization' }, 'Organization'));
    $('company-chart').before(legend);
    place('company-chart', (width) => companySvg(country, mentions, width));
    $('company-caption').textContent = `Articles that name both, across every article, not only this search’s hits; the top ${mentions.length}.`;
    $('company-caption').after(table(['Named', 'Kind', 'Articles'], mentions.map((m) => [m.entity.name, m.entity.__typename, m.count])));
  }

  function table(headings, rows) {
    const details = el('details');
    details.append(el('summary', {}, 'The numbers as a table'));
    const grid = el('table');
    const head = el('tr');
    for (const heading of headings) head.append(el('th', { scope: 'col' }, heading));
    grid.append(el('thead'), el('tbody'));
    grid.tHead.append(head);
    for (const cells of rows) {
      const line = el('tr');
      for (const cell of cells) line.append(el('td', {}, cell));
      grid.tBodies[0].append(line);
    }
    details.append(grid);
    return details;
  }

  async function draw(text) {
    const ticket = ++latest;
    reset();
    setState('loading', text, `Searching for “${text}”…`);
    try {
      const { search } = await graphql(SEARCH, { text });
      if (ticket !== latest) return;
      const exportUrl = new URL('/export/search.csv', window.location.href);
      exportUrl.searchParams.set('text', text);
      $('export').href = exportUrl.pathname + exportUrl.search;
      $('total').textContent = `${plural(search.totalCount, 'article matches', 'articles match')}${search.partial ? ' (at least: the search ran out of time)' : ''}.`;
      $('summary').hidden = false;
      if (search.totalCount === 0) {
        setState('empty', text, `No article matches “${text}”.`);
        return;
      }
      if (search.facets.months.length) showMonths(search.facets.months, search.facets.truncated.includes('months'));
      const top = search.facets.countries[0];
      if (!top) {
        setState('ready', text, `Drawn for “${text}”. Its hits name no country.`);
        return;
      }
      setState('loading', text, `Finding what is named alongside ${top.label}…`);
      const { country } = await graphql(COMPANY, { code: top.value });
      if (ticket !== latest) return;
      if (country) showCompany(country, country.coMentioned);
      setState('ready', text, `Drawn for “${text}”.`);
    } catch (error) {
      if (ticket !== latest) return;
      const message = error instanceof GraphQLError ? error.message : `The request failed: ${error.message}`;
      $('error').textContent = message;
      $('error').hidden = false;
      setState('error', text, '');
    }
  }

  function fromAddress() {
    const text = new URLSearchParams(window.location.search).get('text')?.trim();
    input.value = text ?? '';
    if (text) draw(text);
  }

  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const address = new URL(window.location.href);
    address.searchParams.set('text', text);
    window.history.pushState(null, '', address.pathname + address.search);
    draw(text);
  });
  window.addEventListener('popstate', fromAddress);
  fromAddress();
})();
