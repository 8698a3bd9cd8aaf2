// The GraphQL-over-HTTP audit (graphql-http's serverAudits) against one URL, as JSON on stdout.
// Usage: node web/checks/audit.mjs http://127.0.0.1:8000/graphql
// Same audits as ../shared/tools/graphql_http_audit.mjs; tests/api/test_http_spec.py parses it.
import { serverAudits } from 'graphql-http';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/graphql';
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  // one at a time, so a single-worker server sees no burst
  let result;
  try {
    result = await audit.fn();
  } catch (error) {
    result = { id: audit.id, name: audit.name, status: 'error', reason: `fatal: ${error?.message ?? error}` };
  }
  results.push({
    id: result.id,
    requirement: result.name.split(' ')[0],
    status: result.status,
    name: result.name,
    reason: result.reason ?? '',
    httpStatus: result.response?.status ?? null,
  });
}
process.stdout.write(JSON.stringify({ url, results }, null, 2) + '\n');
