// Apollo Client 4 against a live Steppe, configured as README "Using Steppe from a client"
// says: the README examples through InMemoryCache with its type policies, two pages merged by
// those policies, and automatic persisted queries sent by GET. Prints JSON on stdout for
// tests/api/test_real_clients.py, which makes every assertion.
// Usage: node tests/api/real_clients.mjs http://127.0.0.1:8000/graphql < examples.json
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The npm packages live in web/node_modules, which ESM resolution from tests/ never reaches;
// require() through web/ resolves them by their own exports, all from one (CommonJS) build.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { ApolloClient, HttpLink, InMemoryCache, gql } = require('@apollo/client');
const { PersistedQueryLink } = require('@apollo/client/link/persisted-queries');
const { relayStylePagination } = require('@apollo/client/utilities');

const url = process.argv[2];
const examples = JSON.parse(readFileSync(0, 'utf8'));

// README "Using Steppe from a client" shows this part word for word (a test compares them).
// >>> README
const possibleTypes = { Node: ['Article', 'Author', 'Country', 'Currency', 'Organization'] };
const typePolicies = {
  Query: {
    fields: {
      articles: relayStylePagination(['filter', 'orderBy']),
      search: relayStylePagination(['text', 'filter', 'orderBy', 'facetLimit']),
      removedArticles: relayStylePagination(['since']),
    },
  },
  Author: { fields: { articles: relayStylePagination() } },
  Country: { fields: { articles: relayStylePagination() } },
  Organization: { fields: { articles: relayStylePagination() } },
};

async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
// <<< README

function client(link) {
  return new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes, typePolicies }) });
}

async function runExamples() {
  const apollo = client(new HttpLink({ uri: url, fetch }));
  const results = {};
  for (const [name, text] of Object.entries(examples)) {
    results[name] = (await apollo.query({ query: gql(text) })).data;
  }
  return results;
}

const SEARCH_PAGE = gql`
  query SearchPage($after: String) {
    search(text: "Kazakhstan", first: 2, after: $after) {
      totalCount
      edges { cursor node { id title } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const COUNTRY_PAGE = gql`
  query CountryArticles($after: String) {
    country(code: "KZ") {
      id
      articles(first: 2, after: $after) {
        totalCount
        edges { cursor node { id title } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

// Page one, then page two from the network: what the cache then reads is both, merged.
async function twoPages(apollo, query, connection) {
  const first = await apollo.query({ query });
  const after = connection(first.data).pageInfo.endCursor;
  const second = await apollo.query({ query, variables: { after }, fetchPolicy: 'network-only' });
  const merged = connection(second.data);
  return { totalCount: merged.totalCount, titles: merged.edges.map((edge) => edge.node.title) };
}

// Without possibleTypes the cache cannot tell that a Country is a Node, and drops `id`.
async function runNodeFragment() {
  const apollo = client(new HttpLink({ uri: url, fetch }));
  const query = gql`{ node(id: "Q291bnRyeTpLWg") { ... on Node { id } ... on Country { code } } }`;
  return (await apollo.query({ query })).data.node;
}

async function runPages() {
  const apollo = client(new HttpLink({ uri: url, fetch }));
  return {
    search: await twoPages(apollo, SEARCH_PAGE, (data) => data.search),
    countryArticles: await twoPages(apollo, COUNTRY_PAGE, (data) => data.country.articles),
  };
}

// Every request the persisted-query link makes, as the server saw and answered it.
function recordingFetch(requests) {
  return async (input, init = {}) => {
    const response = await fetch(input, init);
    const target = new URL(String(input));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : {};
    const extensions = target.searchParams.has('extensions')
      ? JSON.parse(target.searchParams.get('extensions'))
      : body.extensions;
    const answer = await response.clone().json();
    requests.push({
      method: init.method ?? 'GET',
      queryParam: target.searchParams.has('query'),
      queryInBody: 'query' in body,
      sha256Hash: extensions?.persistedQuery?.sha256Hash ?? null,
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      codes: (answer.errors ?? []).map((error) => error.extensions?.code ?? null),
    });
    return response;
  };
}

async function runPersisted() {
  const requests = [];
  const link = new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
    new HttpLink({ uri: url, fetch: recordingFetch(requests) }),
  );
  const apollo = client(link);
  // An alias of its own, so this document's hash is new to the server on every run.
  const alias = `pairs_${randomBytes(6).toString('hex')}`;
  const query = gql(`query ApqTicker { ${alias}: ticker(quote: "USD") { pair rate } }`);
  const runs = [];
  for (let i = 0; i < 2; i += 1) {
    const start = requests.length;
    const { data } = await apollo.query({ query, fetchPolicy: 'network-only' });
    runs.push({ requests: requests.slice(start), pairs: data[alias].map((rate) => rate.pair) });
  }
  return runs;
}

const report = {
  examples: await runExamples(),
  pages: await runPages(),
  nodeFragment: await runNodeFragment(),
  persisted: await runPersisted(),
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
