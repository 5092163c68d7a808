// GraphiQL on the desk's /graphql. Every request carries the CSRF token: the XSRF-TOKEN cookie's value in the
// X-XSRF-TOKEN header (the desk refuses browser writes without it). The browser adds the Basic credentials.
(function () {
  'use strict';

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function fetcher(graphQLParams, options) {
    var headers = Object.assign({}, options && options.headers, {
      'Content-Type': 'application/json',
      'Accept': 'application/json',
      'X-XSRF-TOKEN': csrfToken()
    });
    // The origin alone: a page opened as http://user:password@host/ must not send those in the URL.
    return fetch(window.location.origin + '/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: JSON.stringify(graphQLParams)
    }).then(function (response) {
      return response.json();
    });
  }

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher }));
})();
