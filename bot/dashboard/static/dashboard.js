// Brug's dashboard: logging in (Telegram Web App initData, or polling for a deep-link login) and the charts.
(function () {
  "use strict";

  function xsrfToken() {
    var meta = document.querySelector('meta[name="xsrf"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Inside Telegram the page is opened with #tgWebAppData=... (telegram-web-app.js is not loaded here).
  function telegramInitData() {
    if (window.Telegram && window.Telegram.WebApp && window.Telegram.WebApp.initData) {
      return window.Telegram.WebApp.initData;
    }
    var hash = window.location.hash.replace(/^#/, "");
    return hash ? new URLSearchParams(hash).get("tgWebAppData") : null;
  }

  function show(id) {
    document.querySelectorAll("[data-step]").forEach(function (element) {
      element.hidden = element.id !== id;
    });
  }

  function postInitData(login, initData, confirm) {
    var fields = { init_data: initData };
    if (confirm) { fields.confirm = "1"; }
    return fetch(login.dataset.webapp, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-XSRFToken": xsrfToken() },
      body: new URLSearchParams(fields).toString(),
    });
  }

  // First the server says whose initData this is; the member confirms "that is me" before the session
  // is made, so a link carrying someone else's initData cannot log this browser in unseen.
  function loginWithInitData(login, initData) {
    show("login-checking");
    postInitData(login, initData, false).then(function (response) {
      if (!response.ok) { show("login-refused"); return null; }
      return response.json();
    }).then(function (answer) {
      if (!answer) { return; }
      document.getElementById("login-name").textContent = answer.name;
      show("login-confirm");
      document.getElementById("login-confirm-yes").addEventListener("click", function () {
        show("login-checking");
        postInitData(login, initData, true).then(function (response) {
          if (response.ok) {
            window.location.replace(window.location.pathname + window.location.search);
          } else {
            show("login-refused");
          }
        }, function () { show("login-refused"); });
      });
    }, function () { show("login-refused"); });
  }

  function pollDeepLinkLogin(login) {
    var seconds = parseInt(login.dataset.poll, 10) || 2;
    function poll() {
      fetch(login.dataset.status, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.state === "done") {
            window.location.reload();
          } else if (answer.state === "declined") {
            show("login-declined");
          } else if (answer.state === "expired") {
            show("login-expired");
          } else {
            window.setTimeout(poll, seconds * 1000);
          }
        }, function () { window.setTimeout(poll, seconds * 1000); });
    }
    window.setTimeout(poll, seconds * 1000);
  }

  function drawCharts() {
    var source = document.getElementById("movement-data");
    if (!source || !window.Chart) { return; }
    var data = JSON.parse(source.textContent);
    var colours = ["#1e6fb8", "#e07b00", "#2f9e44"];
    window.brugCharts = ["actions", "people"].map(function (name) {
      var canvas = document.getElementById("chart-" + name);
      return new window.Chart(canvas, {
        type: name === "actions" ? "bar" : "line",
        data: {
          labels: data.labels,
          datasets: data[name].series.map(function (series, i) {
            return {
              label: series.label, data: series.data, borderColor: colours[i],
              backgroundColor: colours[i], borderWidth: 3, pointRadius: 4,
            };
          }),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { title: { display: true, text: data[name].title, font: { size: 18 } },
                     legend: { labels: { font: { size: 15 } } } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0, font: { size: 14 } } },
                    x: { ticks: { font: { size: 14 } } } },
        },
      });
    });
    // A mark tests (and anyone curious) can wait for without evaluating script in the page.
    document.body.setAttribute("data-charts", String(window.brugCharts.length));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var login = document.getElementById("login");
    if (login) {
      var initData = telegramInitData();
      if (initData) { loginWithInitData(login, initData); } else if (login.dataset.status) { pollDeepLinkLogin(login); }
    }
    drawCharts();
  });
})();
