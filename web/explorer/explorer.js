// Mounts GraphiQL with the point-and-click explorer plugin and Steppe's example tabs.
// A separate file (not an inline script) so the page's Content-Security-Policy can forbid
// inline scripts altogether.
(function () {
  'use strict';
  const tabs = JSON.parse(document.getElementById('steppe-tabs').textContent);
  const fetcher = GraphiQL.createFetcher({ url: new URL(window.location.pathname, window.location.href).href });
  const explorer = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      // GraphiQL 3 fills the first tab's editors from these, not from defaultTabs[0]
      query: tabs[0]?.query,
      variables: tabs[0]?.variables,
      plugins: [explorer],
      defaultEditorToolsVisibility: 'variables',
      shouldPersistHeaders: false,
    },
    // The top-right logo slot carries the way to the charts page (README "Analysts").
    React.createElement(GraphiQL.Logo, null,
      React.createElement('a', { className: 'steppe-charts-link', href: '/explorer/charts' }, 'Charts of a search'))),
  );
})();
