// Playstream dashboard: reads the gold API of this server and draws it with the vendored Chart.js.
// Every text from the data goes through textContent (never innerHTML), so data cannot inject markup.
// Calls go through /api-client.js (the token, asked for on 401 or given as #token=... in a link).
'use strict';

(function () {
  const REFRESH_MS = 60000;
  const MAX_PAGES = 50;
  const PAGE_SIZE = 10000;
  const EVENT_TYPES = ['play', 'skip', 'pause', 'add_to_playlist'];
  const COLORS = {
    play: '#1db954', skip: '#e5534b', pause: '#f0a202', add_to_playlist: '#4c7ef3',
    palette: ['#1db954', '#4c7ef3', '#f0a202', '#e5534b', '#9b59b6', '#16a2b8', '#ff7aa8', '#7f8c8d']
  };
  const charts = {};

  const { api, openSession, takeTokenFromFragment } = window.PlaystreamApi;
  /** The sign-in that JobRunr's link waits for (null until the status shows the dashboard, or after a failed one). */
  let jobsSession = null;

  /** The rows of a listening view (/api/v1/listening/{name}): sums the warehouse makes for one period. */
  async function listening(name, params) {
    const body = await api('/api/v1/listening/' + name + '?' + new URLSearchParams(params));
    return body.rows;
  }

  /** Every row of a gold table (following next_offset), with optional equality filters and order. */
  async function gold(table, params) {
    const rows = [];
    let offset = 0;
    for (let page = 0; page < MAX_PAGES && offset !== null; page++) {
      const query = new URLSearchParams(Object.assign({}, params, { limit: PAGE_SIZE, offset }));
      const body = await api('/api/v1/gold/' + table + '?' + query);
      rows.push(...body.rows);
      offset = body.next_offset;
    }
    return rows;
  }

  // ---- formatting ----------------------------------------------------------------------------
  const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function utc(text) {
    // the warehouse keeps UTC wall-clock times without a zone
    return text ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : text + 'Z') : null;
  }

  function utcLabel(text) {
    const date = utc(text);
    return date ? date.toISOString().slice(0, 16).replace('T', ' ') : '–';
  }

  function ago(text) {
    const date = utc(text);
    if (!date) {
      return '–';
    }
    const seconds = Math.round((Date.now() - date.getTime()) / 1000);
    if (seconds < 90) return seconds + ' s ago';
    if (seconds < 5400) return Math.round(seconds / 60) + ' min ago';
    if (seconds < 172800) return Math.round(seconds / 3600) + ' h ago';
    return Math.round(seconds / 86400) + ' days ago';
  }

  function duration(seconds) {
    const total = Math.round(Number(seconds) || 0);
    return Math.floor(total / 60) + ':' + String(total % 60).padStart(2, '0');
  }

  function sum(rows, column) {
    return rows.reduce((total, row) => total + Number(row[column] || 0), 0);
  }

  // ---- DOM helpers (text only) ---------------------------------------------------------------
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function setStat(testId, text, value) {
    const node = document.querySelector('[data-testid="' + testId + '"]');
    node.textContent = text;
    node.dataset.value = String(value);
  }

  function fillTable(testId, rows, cells, emptyText) {
    const body = document.querySelector('[data-testid="' + testId + '"] tbody');
    body.replaceChildren(...rows.map((row, index) => {
      const tr = el('tr');
      tr.dataset.testid = testId + '-row';
      cells(row, index).forEach(([content, className]) => {
        const td = el('td', content instanceof Node ? null : content, className);
        if (content instanceof Node) {
          td.appendChild(content);
        }
        tr.appendChild(td);
      });
      return tr;
    }));
    if (rows.length === 0) {
      body.appendChild(emptyRow(emptyText || 'No data yet: run a load and a transform.', body.parentElement.querySelectorAll('th').length));
    }
  }

  /** A table row saying there is nothing to show, across {@code columns} columns. */
  function emptyRow(text, columns) {
    const tr = el('tr');
    const td = el('td', text, 'muted');
    td.colSpan = columns;
    tr.appendChild(td);
    return tr;
  }

  // ---- charts --------------------------------------------------------------------------------
  function draw(id, config) {
    if (charts[id]) {
      charts[id].destroy();
    }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
    charts[id] = new Chart(document.getElementById(id), config);
    recordScales(charts[id]);
    recordSeries(charts[id]);
  }

  /** Writes on the canvas the numbers it draws (data-labels, and data-series: label=v1,v2;...) for a test to read. */
  function recordSeries(chart) {
    chart.canvas.dataset.labels = chart.data.labels.join('|');
    chart.canvas.dataset.series = chart.data.datasets.map(d => d.label + '=' + d.data.join(',')).join(';');
  }

  /**
   * Writes on the canvas what each axis shows (data-scale-<axis>-max, and the labels a category axis
   * draws as data-scale-<axis>-labels, after Chart.js has skipped any): a test reads them from the DOM.
   */
  function recordScales(chart) {
    Object.values(chart.scales).forEach(scale => {
      const key = 'scale' + scale.id.charAt(0).toUpperCase() + scale.id.slice(1);
      chart.canvas.dataset[key + 'Max'] = String(scale.max);
      if (scale.type === 'category') {
        chart.canvas.dataset[key + 'Labels'] = scale.ticks.map(tick => scale.getLabelForValue(tick.value)).join('|');
      }
    });
  }

  function noLegend(extra) {
    return Object.assign({ plugins: { legend: { display: false } } }, extra);
  }

  /** A percent axis a little above the highest rate (in whole tens), so the line does not lie flat. */
  function rateAxisMax(rates) {
    const highest = Math.max(0, ...rates.filter(r => r !== null));
    return Math.min(100, Math.max(10, Math.ceil(highest * 1.2 / 10) * 10));
  }

  function drawTopSongs(songs) {
    const rates = songs.map(s => s.skip_rate === null ? null : Number(s.skip_rate) * 100);
    draw('chart-top-songs', {
      type: 'bar',
      data: {
        labels: songs.map(s => s.song_name || s.song_id),
        datasets: [
          { label: 'Plays', data: songs.map(s => s.plays), backgroundColor: COLORS.play, yAxisID: 'y', order: 2 },
          { label: 'Skips', data: songs.map(s => s.skips), backgroundColor: COLORS.skip, yAxisID: 'y', order: 3 },
          {
            label: 'Skip rate (%)', type: 'line', data: rates,
            borderColor: '#333', backgroundColor: '#333', yAxisID: 'rate', order: 1, pointRadius: 4
          }
        ]
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { labels: { sort: (a, b) => a.datasetIndex - b.datasetIndex } } },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'plays and skips' } },
          rate: { position: 'right', min: 0, max: rateAxisMax(rates), grid: { drawOnChartArea: false },
            ticks: { callback: value => value + '%' }, title: { display: true, text: 'skip rate' } }
        }
      }
    });
  }

  function drawBreakdowns(countries, devices, hours) {
    const byPlays = (a, b) => b.plays - a.plays;
    countries = countries.slice().sort(byPlays);
    // one readable row per country: the box grows with them instead of Chart.js skipping every other label
    document.getElementById('chart-country').parentElement.style.minHeight = Math.max(260, 20 * countries.length + 40) + 'px';
    draw('chart-country', {
      type: 'bar',
      data: { labels: countries.map(c => c.country), datasets: [{ label: 'Plays', data: countries.map(c => c.plays), backgroundColor: COLORS.palette[1] }] },
      options: noLegend({ indexAxis: 'y', scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } } })
    });
    devices = devices.slice().sort(byPlays);
    draw('chart-device', {
      type: 'doughnut',
      data: { labels: devices.map(d => d.device_type), datasets: [{ label: 'Plays', data: devices.map(d => d.plays), backgroundColor: COLORS.palette }] },
      options: { plugins: { legend: { position: 'bottom' } } }
    });
    const perHour = new Array(24).fill(0);
    hours.forEach(h => { perHour[Number(h.event_hour)] = Number(h.plays); });
    draw('chart-hour', {
      type: 'bar',
      data: { labels: perHour.map((_, h) => String(h).padStart(2, '0')), datasets: [{ label: 'Plays', data: perHour, backgroundColor: COLORS.palette[2] }] },
      options: noLegend({ scales: { y: { beginAtZero: true } } })
    });
  }

  function drawTrend(distribution) {
    const periods = [...new Set(distribution.map(r => r.period_start_at))].sort();
    const counts = {};
    distribution.forEach(r => { counts[r.event_type + '|' + r.period_start_at] = Number(r.event_count); });
    // a line needs a few hours to say anything: until then, bars per hour
    const asLine = periods.length >= 3;
    draw('chart-trend', {
      type: asLine ? 'line' : 'bar',
      data: {
        labels: periods.map(utcLabel),
        datasets: EVENT_TYPES.map(type => ({
          label: type.replace(/_/g, ' '), data: periods.map(p => counts[type + '|' + p] || 0),
          borderColor: COLORS[type], backgroundColor: COLORS[type], tension: 0.25, pointRadius: periods.length > 48 ? 0 : 4,
          maxBarThickness: 56
        }))
      },
      options: { interaction: { mode: 'index', intersect: false }, scales: { y: { beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } } }
    });
  }

  // ---- panels --------------------------------------------------------------------------------
  function renderHeadline(devices, engagement, songs) {
    const events = sum(devices, 'events');
    const plays = sum(devices, 'plays');
    const skips = sum(devices, 'skips');
    const listeners = new Set(engagement.map(r => r.user_id)).size;
    const skipRate = plays + skips === 0 ? null : skips / (plays + skips);
    setStat('headline-events', integer.format(events), events);
    setStat('headline-listeners', integer.format(listeners), listeners);
    setStat('headline-plays', integer.format(plays), plays);
    setStat('headline-skip-rate', skipRate === null ? '–' : percent.format(skipRate), skipRate === null ? '' : skipRate.toFixed(4));
    setStat('headline-songs', integer.format(songs.length), songs.length);
  }

  function songCell(song) {
    const cell = document.createDocumentFragment();
    cell.appendChild(el('span', song.song_name || song.song_id, 'song'));
    cell.appendChild(el('span', song.artist_name || '', 'artist'));
    return cell;
  }

  function renderTopSongs(songs) {
    fillTable('top-songs', songs.slice(0, 10), s => [
      [s.rank, 'num'],
      [songCell(s)],
      [integer.format(s.plays), 'num'],
      [s.skip_rate === null ? '–' : percent.format(Number(s.skip_rate)), 'num'],
      [integer.format(s.unique_listeners), 'num']
    ]);
  }

  function renderSessions(sessions) {
    fillTable('sessions', sessions, s => [
      [String(s.user_id).slice(0, 8), 'mono'],
      [utcLabel(s.session_start_at)],
      [duration(s.session_duration_seconds), 'num'],
      [s.events, 'num'], [s.plays, 'num'], [s.skips, 'num'], [s.unique_songs, 'num']
    ]);
  }

  /**
   * Quarantine reasons that are no problem: the simulator sends a share of events twice on purpose
   * (--duplicate-share), as any at-least-once producer may; silver keeps one copy and quarantines the others.
   */
  const EXPECTED_QUARANTINE = { duplicate_event_id: 'duplicate sends' };
  const QUARANTINE_HINT = 'Bronze rows silver did not keep (silver.stg_events_quarantine), by reason. '
    + 'duplicate_event_id: a second copy of an event silver already keeps; the simulator sends a share of events twice '
    + 'on purpose, as an at-least-once producer does, so these are expected. Any other reason is a malformed event: '
    + 'look at it (amber).';

  function figure(n) {
    return n === null || n === undefined ? '–' : integer.format(n);
  }

  /** One span per reason: expected ones plain, real problems amber. */
  function quarantineValue(byReason) {
    const reasons = Object.entries(byReason || {});
    if (!byReason || reasons.length === 0) {
      return { value: byReason ? 'none' : '–', level: byReason ? 'ok' : null };
    }
    const value = document.createDocumentFragment();
    let problems = 0;
    reasons.forEach(([reason, count], i) => {
      const expected = EXPECTED_QUARANTINE[reason];
      problems += expected ? 0 : Number(count);
      const span = el('span', integer.format(count) + ' ' + (expected ? expected + ' (expected)' : reason), expected ? 'reason-expected' : 'reason-problem');
      span.dataset.reason = reason;
      span.dataset.value = String(count);
      if (i > 0) {
        value.appendChild(el('br'));
      }
      value.appendChild(span);
    });
    return { value, level: problems > 0 ? 'warn' : 'ok' };
  }

  /** The last source freshness check (sources.json): pass, warn past warn_after, error past error_after. */
  function freshnessItem(freshness) {
    const source = freshness && freshness.sources[0];
    return ['Bronze freshness', source ? freshness.status + (source.max_loaded_at ? ' · loaded ' + ago(source.max_loaded_at) : '') : '–',
      source ? { pass: 'ok', error: 'bad' }[freshness.status] || 'warn' : null,
      'The newest bronze load against the source\'s freshness thresholds' + (source ? ' (warn after ' + source.warn_after
        + ', error after ' + source.error_after + ')' : '') + ', checked by every pipeline run.', freshness ? freshness.status : null];
  }

  /** The health panel's rows: [label, value (text or node), level (ok/warn/bad or none), hint, raw value]. */
  function healthItems(status) {
    const load = status.last_load;
    const transform = status.last_transform;
    const rows = status.rows || {};
    const stream = status.stream;
    const quarantine = quarantineValue(rows.quarantine_by_reason);
    return [
      ['Last load', load ? ago(load.loaded_at) + ' · ' + integer.format(load.objects) + ' objects' : 'never', load ? 'ok' : 'warn'],
      ['Last transform', transform ? transform.status + ' · ' + ago(transform.finished_at) : 'never',
        transform ? (transform.status === 'success' ? 'ok' : 'bad') : 'warn'],
      freshnessItem(status.source_freshness),
      ['Bronze rows', figure(rows.bronze), null, 'Lines loaded into bronze.spotify_events, as sent: duplicates and malformed events included.', rows.bronze],
      ['Silver events', figure(rows.silver), null, 'Valid events in silver.stg_events, each event id once.', rows.silver],
      ['Gold events', figure(rows.gold_events), null,
        'Events the gold tables count (sum of engagement_by_device.events): equals silver events once the transform has run.', rows.gold_events],
      ['Quarantined', quarantine.value, quarantine.level, QUARANTINE_HINT, rows.quarantine],
      ['Rejected lines', figure(status.rejected_lines), Number(status.rejected_lines || 0) > 0 ? 'warn' : 'ok',
        'Bronze lines that are not JSON objects (bronze._rejected_lines), kept aside with their object and line.', status.rejected_lines],
      ['Kafka lag (records)', stream ? integer.format(stream.lag_records) : '–', stream && stream.lag_records > 10000 ? 'warn' : 'ok'],
      ['Dead letters (since start)', stream ? integer.format(stream.dead_letters) : '–', stream && stream.dead_letters > 0 ? 'warn' : 'ok'],
      ['Latest event (UTC)', status.latest_event_at ? utcLabel(status.latest_event_at) : '–'],
      ['Data age', status.latest_event_at ? ago(status.latest_event_at).replace(' ago', '') : '–']
    ];
  }

  function renderHealth(status) {
    const list = document.getElementById('health-list');
    list.replaceChildren(...healthItems(status).flatMap(([label, value, level, hint, raw]) => {
      const dt = el('dt', label);
      const dd = el('dd', value instanceof Node ? null : value, level ? 'level-' + level : '');
      if (value instanceof Node) {
        dd.appendChild(value);
      }
      dd.dataset.testid = 'health-' + label.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');
      if (raw !== undefined && raw !== null) {
        dd.dataset.value = String(raw);
      }
      if (hint) {
        dt.title = hint;
        dd.title = hint;
        dt.classList.add('hint');
      }
      return [dt, dd];
    }));
    // JobRunr's dashboard is served by this server behind the token; a browser navigating there cannot
    // send the header, so the page signs the browser in (an HttpOnly cookie) before it shows the link
    const link = document.getElementById('jobs-link');
    if (status.jobs_dashboard && !jobsSession) {
      jobsSession = openSession().then(() => {
        link.href = status.jobs_dashboard.path;
        link.hidden = false;
      }).catch(() => {
        jobsSession = null;
      });
    }
  }

  // ---- the period and the URL ----------------------------------------------------------------
  // The picked period, artist and heatmap clock live in the address (?period=week&start=2025-12-08
  // &artist=...&clock=local): a link reopens the same view, and back/forward step through picks.
  const GRAINS = ['day', 'week', 'month', 'year', 'all_time', '7_days', '28_days'];
  // trailing ranges: the start day and the days after it (no calendar alignment)
  const TRAILING_DAYS = { '7_days': 7, '28_days': 28 };
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const SEGMENTS = ['super', 'moderate', 'light'];
  const SEGMENT_COLORS = { super: '#1db954', moderate: '#4c7ef3', light: '#b8c2cc' };
  const TOP_ROWS = 10;
  const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  let view = null;
  let latestDay = null;

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function parseDay(text) {
    const date = /^\d{4}-\d\d-\d\d$/.test(text || '') ? new Date(text + 'T00:00:00Z') : null;
    return date && !isNaN(date.getTime()) ? date : null;
  }

  /** The first day of the period holding {@code day}, as the marts name periods (weeks start on Monday). */
  function firstDay(period, day) {
    const date = new Date(day.getTime());
    if (TRAILING_DAYS[period]) return date;
    if (period === 'week') date.setUTCDate(date.getUTCDate() - (date.getUTCDay() + 6) % 7);
    if (period === 'month') date.setUTCDate(1);
    if (period === 'year') date.setUTCMonth(0, 1);
    return date;
  }

  /** The first day {@code count} periods after the one starting on {@code start}. */
  function shift(period, start, count) {
    const date = new Date(start.getTime());
    if (period === 'day') date.setUTCDate(date.getUTCDate() + count);
    if (TRAILING_DAYS[period]) date.setUTCDate(date.getUTCDate() + TRAILING_DAYS[period] * count);
    if (period === 'week') date.setUTCDate(date.getUTCDate() + 7 * count);
    if (period === 'month') date.setUTCMonth(date.getUTCMonth() + count);
    if (period === 'year') date.setUTCFullYear(date.getUTCFullYear() + count);
    return date;
  }

  /** The view the address names; what it leaves out is the week of the latest event, UTC clock. */
  function viewFromAddress() {
    const params = new URLSearchParams(window.location.search);
    let period = (params.get('period') || 'week').toLowerCase();
    period = period === 'all' ? 'all_time' : period;
    period = GRAINS.includes(period) ? period : 'week';
    const day = parseDay(params.get('start')) || endingOn(period, latestDay || parseDay(isoDay(new Date())));
    return {
      period,
      start: period === 'all_time' ? null : isoDay(firstDay(period, day)),
      artist: params.get('artist') || null,
      clock: params.get('clock') === 'local' ? 'local' : 'utc'
    };
  }

  /** The start that makes a trailing range end on {@code day}; {@code day} itself for a period. */
  function endingOn(period, day) {
    return TRAILING_DAYS[period] ? shift('day', day, 1 - TRAILING_DAYS[period]) : day;
  }

  /** The last day of the view's period or range, or null for all time. */
  function lastDay(v) {
    return v.period === 'all_time' ? null : shift('day', shift(v.period, parseDay(v.start), 1), -1);
  }

  function address(next) {
    const params = new URLSearchParams({ period: next.period });
    if (next.start) params.set('start', next.start);
    if (next.artist) params.set('artist', next.artist);
    if (next.clock === 'local') params.set('clock', 'local');
    return window.location.pathname + '?' + params;
  }

  /** A pick of the person: a new history entry, then the views of the new pick. */
  function navigate(changes) {
    if (!view) {
      return; // the first view is still being read from the address
    }
    const next = Object.assign({}, view, changes);
    if (changes.period && TRAILING_DAYS[changes.period] && changes.period !== view.period && !changes.start) {
      // a trailing range picked: it ends where the shown period ends, or on the latest event's day
      const end = lastDay(view);
      const last = end && latestDay && end > latestDay ? latestDay : (end || latestDay || new Date());
      next.start = isoDay(endingOn(changes.period, last));
    } else if (changes.period && TRAILING_DAYS[view.period] && !TRAILING_DAYS[changes.period] && !changes.start) {
      // from a trailing range to a calendar period: the one holding the range's last day
      next.start = isoDay(lastDay(view));
    }
    if (next.period === 'all_time') {
      next.start = null;
    } else {
      next.start = isoDay(firstDay(next.period, parseDay(next.start) || parseDay(view.start) || latestDay || new Date()));
    }
    // picking what is already shown adds no history entry (back would seem to do nothing)
    if (address(next) !== window.location.pathname + window.location.search) {
      history.pushState(null, '', address(next));
    }
    view = next;
    refreshListening();
  }

  function periodFilter(v) {
    return v.period === 'all_time' ? { period: 'all_time' } : { period: v.period, start: v.start };
  }

  /** Whether a day (YYYY-MM-DD) falls in the view's period. */
  function inPeriod(v, day) {
    if (v.period === 'all_time') return true;
    const text = String(day).slice(0, 10);
    return text >= v.start && text < isoDay(shift(v.period, parseDay(v.start), 1));
  }

  function dayLabel(date) {
    return WEEKDAYS[(date.getUTCDay() + 6) % 7] + ' ' + date.getUTCDate() + ' ' + MONTHS[date.getUTCMonth()] + ' ' + date.getUTCFullYear();
  }

  function periodLabel(v) {
    if (v.period === 'all_time') return 'All time';
    const start = parseDay(v.start);
    switch (v.period) {
      case 'day': return dayLabel(start);
      case 'week': return 'Week of ' + dayLabel(start) + ' to ' + dayLabel(shift('day', start, 6));
      case 'month': return MONTHS[start.getUTCMonth()] + ' ' + start.getUTCFullYear();
      case '7_days': case '28_days':
        return TRAILING_DAYS[v.period] + ' days: ' + dayLabel(start) + ' to ' + dayLabel(lastDay(v));
      default: return String(start.getUTCFullYear());
    }
  }

  function renderPicker(v) {
    document.querySelectorAll('[data-period]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.period === v.period)));
    document.querySelectorAll('[data-clock]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.clock === v.clock)));
    document.getElementById('period-start').value = v.start || '';
    // all time has no start to pick nor a period before or after it
    document.querySelector('.period-start').hidden = v.period === 'all_time';
    const label = document.querySelector('[data-testid="period-label"]');
    label.textContent = periodLabel(v);
    label.dataset.period = v.period;
    label.dataset.start = v.start || '';
  }

  /**
   * Within {@code container}, the arrow keys {@code keys} (back, forward) move the focus between its
   * {@code selector} elements, as in a toolbar or a list; Tab still leaves the group.
   */
  function arrowKeys(container, selector, keys) {
    document.querySelector(container).addEventListener('keydown', event => {
      const step = keys.indexOf(event.key) === 0 ? -1 : keys.indexOf(event.key) === 1 ? 1 : 0;
      const items = [...document.querySelector(container).querySelectorAll(selector)].filter(e => !e.closest('[hidden]'));
      const at = items.indexOf(document.activeElement);
      if (step === 0 || at < 0) return;
      event.preventDefault();
      items[(at + step + items.length) % items.length].focus();
    });
  }

  function wirePicker() {
    document.querySelectorAll('[data-period]').forEach(b => b.addEventListener('click', () => navigate({ period: b.dataset.period })));
    document.querySelectorAll('[data-clock]').forEach(b => b.addEventListener('click', () => navigate({ clock: b.dataset.clock })));
    document.getElementById('period-start').addEventListener('change', event => {
      if (parseDay(event.target.value)) navigate({ start: event.target.value });
    });
    document.getElementById('period-previous').addEventListener('click', () =>
      navigate({ start: isoDay(shift(view.period, parseDay(view.start), -1)) }));
    document.getElementById('period-next').addEventListener('click', () =>
      navigate({ start: isoDay(shift(view.period, parseDay(view.start), 1)) }));
    document.getElementById('artist-close').addEventListener('click', event => {
      event.preventDefault();
      navigate({ artist: null });
    });
    arrowKeys('.period-grains', 'button', ['ArrowLeft', 'ArrowRight']);
    arrowKeys('.toggle', 'button', ['ArrowLeft', 'ArrowRight']);
    arrowKeys('[data-testid="top-artists"]', '.artist-link', ['ArrowUp', 'ArrowDown']);
    window.addEventListener('popstate', () => {
      view = viewFromAddress();
      refreshListening();
    });
  }

  // ---- the listening views -------------------------------------------------------------------
  function rate(value) {
    return value === null || value === undefined ? '–' : percent.format(Number(value));
  }

  /** A chart, or in its place a sentence saying there is nothing to draw. */
  function drawOrSayEmpty(id, emptyTestId, emptyText, config) {
    const canvas = document.getElementById(id);
    const empty = document.querySelector('[data-testid="' + emptyTestId + '"]');
    const isEmpty = config === null;
    canvas.parentElement.hidden = isEmpty;
    empty.hidden = !isEmpty;
    empty.textContent = isEmpty ? emptyText : '';
    if (isEmpty) {
      if (charts[id]) {
        charts[id].destroy();
        delete charts[id];
      }
      return;
    }
    draw(id, config);
  }

  function listeningRow(row, rank, name) {
    return [
      [rank, 'num'], [name],
      [integer.format(row.streams), 'num'], [integer.format(row.plays), 'num'], [integer.format(row.listeners), 'num'],
      [rate(row.skip_rate), 'num'], [integer.format(row.playlist_adds), 'num']
    ];
  }

  function artistLink(artist) {
    const link = el('a', artist.artist_name, 'artist-link');
    link.href = address(Object.assign({}, view, { artist: artist.artist_name }));
    link.addEventListener('click', event => {
      event.preventDefault();
      navigate({ artist: artist.artist_name });
    });
    // a link opens on Enter; Space opens it too, as on the buttons around it
    link.addEventListener('keydown', event => {
      if (event.key === ' ') {
        event.preventDefault();
        navigate({ artist: artist.artist_name });
      }
    });
    return link;
  }

  function renderPeriodTables(artists, songs) {
    const none = 'No listening in this period.';
    fillTable('top-artists', artists.slice(0, TOP_ROWS), (a, i) => listeningRow(a, i + 1, artistLink(a)), none);
    fillTable('period-songs', songs.slice(0, TOP_ROWS), (s, i) => listeningRow(s, i + 1, songCell(s)), none);
    document.querySelectorAll('[data-testid="top-artists-row"]').forEach((tr, i) => {
      tr.dataset.artist = artists[i].artist_name;
      tr.classList.toggle('selected', artists[i].artist_name === view.artist);
    });
  }

  function renderPeriodStats(totals) {
    const streams = Number(totals.streams || 0);
    const minutes = Number(totals.listened_ms || 0) / 60000;
    const listeners = Number(totals.listeners || 0);
    const earlyRate = totals.early_skip_rate === null || totals.early_skip_rate === undefined ? null : Number(totals.early_skip_rate);
    setStat('period-streams', integer.format(streams), streams);
    setStat('period-minutes', decimal.format(minutes), minutes.toFixed(1));
    setStat('period-listeners', integer.format(listeners), listeners);
    setStat('period-early-skip-rate', earlyRate === null ? '–' : percent.format(earlyRate), earlyRate === null ? '' : earlyRate.toFixed(4));
  }

  /** Minutes streamed per row of a listening view (summed by the warehouse, most first), to a tenth. */
  function minutesOf(rows) {
    return rows.map(r => ({ key: String(r.name), minutes: Math.round(Number(r.listened_ms || 0) / 6000) / 10 }));
  }

  function minutesChart(entries, color) {
    return entries.length === 0 ? null : {
      type: 'bar',
      data: { labels: entries.map(e => e.key), datasets: [{ label: 'Minutes streamed', data: entries.map(e => e.minutes), backgroundColor: color, maxBarThickness: 32 }] },
      options: noLegend({ indexAxis: 'y', scales: {
        x: { beginAtZero: true, title: { display: true, text: 'minutes streamed' } },
        y: { ticks: { autoSkip: false } } } })
    };
  }

  function drawListeningTime(byCountry, byDevice) {
    const countries = minutesOf(byCountry);
    document.getElementById('chart-minutes-country').parentElement.style.minHeight = Math.max(260, 20 * countries.length + 60) + 'px';
    drawOrSayEmpty('chart-minutes-country', 'minutes-country-empty', 'No minutes streamed in this period.', minutesChart(countries, COLORS.palette[1]));
    drawOrSayEmpty('chart-minutes-device', 'minutes-device-empty', 'No minutes streamed in this period.', minutesChart(minutesOf(byDevice), COLORS.palette[5]));
  }

  function drawSegments(rows) {
    const days = [...new Set(rows.map(r => String(r.segment_date).slice(0, 10)))].sort();
    const listeners = {};
    rows.forEach(r => { listeners[String(r.segment_date).slice(0, 10) + '|' + r.segment] = Number(r.listeners); });
    drawOrSayEmpty('chart-segments', 'segments-empty', 'No listeners on any day of this period.', days.length === 0 ? null : {
      type: 'bar',
      data: {
        labels: days,
        datasets: SEGMENTS.map(segment => ({
          label: segment, data: days.map(d => listeners[d + '|' + segment] || 0), backgroundColor: SEGMENT_COLORS[segment], maxBarThickness: 56
        }))
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: { x: { stacked: true, title: { display: true, text: 'day (UTC)' } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'listeners' } } }
      }
    });
    const summary = document.querySelector('[data-testid="segments-summary"]');
    summary.replaceChildren();
    if (days.length > 0) {
      const last = days[days.length - 1];
      summary.appendChild(el('span', 'On ' + dayLabel(parseDay(last)) + ': '));
      SEGMENTS.forEach((segment, i) => {
        const part = el('span', integer.format(listeners[last + '|' + segment] || 0) + ' ' + segment + (i < 2 ? ', ' : ' listeners.'));
        part.dataset.segment = segment;
        part.dataset.value = String(listeners[last + '|' + segment] || 0);
        summary.appendChild(part);
      });
      summary.dataset.day = last;
      summary.appendChild(el('span', ' Super: 100+ streams in 28 days; moderate: 20 to 99; light: fewer.', 'muted'));
    }
  }

  function drawSkipCurve(buckets) {
    const total = sum(buckets, 'skips');
    const early = sum(buckets.filter(b => b.is_early === true || b.is_early === 'true'), 'skips');
    drawOrSayEmpty('chart-skip-curve', 'skip-curve-empty', 'No skips with a position in the track yet.', total === 0 ? null : {
      type: 'bar',
      data: {
        labels: buckets.map(b => b.bucket_start_seconds + '–' + b.bucket_end_seconds),
        datasets: [{
          label: 'Share of skips (%)', data: buckets.map(b => Math.round(Number(b.skip_share) * 1000) / 10),
          backgroundColor: buckets.map(b => (b.is_early === true || b.is_early === 'true') ? COLORS.skip : '#b8c2cc')
        }]
      },
      options: noLegend({ scales: {
        x: { title: { display: true, text: 'seconds into the track (red: early skips)' } },
        y: { beginAtZero: true, ticks: { callback: value => value + '%' }, title: { display: true, text: 'share of skips' } } } })
    });
    const summary = document.querySelector('[data-testid="skip-curve-summary"]');
    summary.replaceChildren();
    if (total > 0) {
      const share = el('strong', percent.format(early / total));
      share.dataset.testid = 'early-skip-share';
      share.dataset.value = (early / total).toFixed(4);
      summary.append(share, el('span', ' of ' + integer.format(total) + ' skips come in the first 30 s of a track (early skips).'));
    }
  }

  function shade(share) {
    // white to the accent green; the text stays dark enough to read on every shade
    return 'rgba(29, 185, 84, ' + (0.08 + 0.72 * share).toFixed(3) + ')';
  }

  function renderHeatmap(rows, clock) {
    const table = document.querySelector('[data-testid="heatmap"]');
    const cells = rows.filter(r => r.clock === clock);
    const events = {};
    cells.forEach(r => { events[r.day_of_week + '|' + r.hour_of_day] = Number(r.events); });
    const highest = Math.max(0, ...Object.values(events));
    const head = el('tr');
    head.appendChild(el('th', clock === 'utc' ? 'UTC' : 'local'));
    for (let hour = 0; hour < 24; hour++) head.appendChild(el('th', String(hour).padStart(2, '0'), 'num'));
    table.tHead.replaceChildren(head);
    table.dataset.clock = clock;
    if (cells.length === 0) {
      table.tBodies[0].replaceChildren(emptyRow('No events yet.', 25));
      return;
    }
    table.tBodies[0].replaceChildren(...WEEKDAYS.map((name, i) => {
      const tr = el('tr');
      tr.appendChild(el('th', name));
      for (let hour = 0; hour < 24; hour++) {
        const value = events[(i + 1) + '|' + hour] || 0;
        const td = el('td', value ? integer.format(value) : '', 'num');
        td.dataset.day = String(i + 1);
        td.dataset.hour = String(hour);
        td.dataset.value = String(value);
        td.title = name + ' ' + String(hour).padStart(2, '0') + ':00 (' + clock + '): ' + integer.format(value) + ' events';
        if (value) td.style.backgroundColor = shade(value / highest);
        tr.appendChild(td);
      }
      return tr;
    }));
  }

  function renderRetention(rows) {
    const table = document.querySelector('[data-testid="retention"]');
    const weeks = Math.max(-1, ...rows.map(r => Number(r.week_number))) + 1;
    const head = el('tr');
    [el('th', 'Cohort (week of)'), el('th', 'Listeners', 'num')].forEach(th => head.appendChild(th));
    for (let week = 0; week < weeks; week++) head.appendChild(el('th', 'week ' + week, 'num'));
    table.tHead.replaceChildren(head);
    if (rows.length === 0) {
      table.tBodies[0].replaceChildren(emptyRow('No listeners yet.', 2));
      return;
    }
    const cohorts = [...new Set(rows.map(r => String(r.cohort_week).slice(0, 10)))].sort();
    table.tBodies[0].replaceChildren(...cohorts.map(cohort => {
      const ofCohort = rows.filter(r => String(r.cohort_week).slice(0, 10) === cohort);
      const tr = el('tr');
      tr.dataset.cohort = cohort;
      tr.appendChild(el('th', cohort));
      tr.appendChild(el('td', integer.format(ofCohort[0].cohort_listeners), 'num'));
      for (let week = 0; week < weeks; week++) {
        const row = ofCohort.find(r => Number(r.week_number) === week);
        const td = el('td', row ? percent.format(Number(row.retention_share)) : '', 'num');
        if (row) {
          td.dataset.week = String(week);
          td.dataset.value = String(row.retention_share);
          td.title = integer.format(row.active_listeners) + ' of ' + integer.format(row.cohort_listeners) + ' listeners active';
          td.style.backgroundColor = shade(Number(row.retention_share));
        }
        tr.appendChild(td);
      }
      return tr;
    }));
  }

  /** The artist's listeners, plays and minutes per country (a table) and per UTC hour (a row of 24 cells). */
  function renderArtistAudience(countries, hours) {
    fillTable('artist-countries', countries, c => [
      [c.name], [integer.format(c.listeners), 'num'], [integer.format(c.plays), 'num'],
      [decimal.format(Number(c.listened_ms || 0) / 60000), 'num']
    ], 'No listening to this artist in this period.');
    document.querySelectorAll('[data-testid="artist-countries-row"]').forEach((tr, i) => {
      tr.dataset.country = countries[i].name;
      tr.dataset.listeners = String(countries[i].listeners);
      tr.dataset.plays = String(countries[i].plays);
    });
    const table = document.querySelector('[data-testid="artist-hours"]');
    const plays = {};
    hours.forEach(h => { plays[Number(h.name)] = h; });
    const highest = Math.max(0, ...hours.map(h => Number(h.plays)));
    const head = el('tr');
    for (let hour = 0; hour < 24; hour++) head.appendChild(el('th', String(hour).padStart(2, '0'), 'num'));
    table.tHead.replaceChildren(head);
    const row = el('tr');
    for (let hour = 0; hour < 24; hour++) {
      const h = plays[hour];
      const value = h ? Number(h.plays) : 0;
      const td = el('td', value ? integer.format(value) : '', 'num');
      td.dataset.hour = String(hour);
      td.dataset.value = String(value);
      td.dataset.listeners = String(h ? h.listeners : 0);
      td.title = String(hour).padStart(2, '0') + ':00 UTC: ' + integer.format(value) + ' plays by '
        + integer.format(h ? h.listeners : 0) + ' listeners';
      if (value) td.style.backgroundColor = shade(value / highest);
      row.appendChild(td);
    }
    table.tBodies[0].replaceChildren(row);
  }

  /** The grain of the artist's "over time" chart: days within a day, week or month; months beyond. */
  function trendGrain(period) {
    return { day: 'day', week: 'day', month: 'day', '7_days': 'day', '28_days': 'day', year: 'month', all_time: 'month' }[period];
  }

  async function showArtist(v) {
    const card = document.querySelector('[data-testid="artist-view"]');
    if (!v.artist) {
      card.hidden = true;
      if (charts['chart-artist-trend']) {
        charts['chart-artist-trend'].destroy();
        delete charts['chart-artist-trend'];
      }
      return;
    }
    const grain = trendGrain(v.period);
    const ofArtist = Object.assign({ artist: v.artist }, periodFilter(v));
    const [songs, trend, countries, hours] = await Promise.all([
      listening('songs', Object.assign({ limit: 100 }, ofArtist)),
      gold('top_artists_by_period', { period: grain, artist_name: v.artist, order: 'period_start_date' }),
      listening('artist_countries', ofArtist),
      listening('artist_hours', ofArtist)
    ]);
    if (v !== view) return;
    card.hidden = false;
    document.querySelector('[data-testid="artist-name"]').textContent = v.artist;
    document.querySelector('[data-testid="artist-period"]').textContent = '(' + periodLabel(v) + ')';
    fillTable('artist-songs', songs, (s, i) => listeningRow(s, i + 1, songCell(s)), 'No listening to this artist in this period.');
    renderArtistAudience(countries, hours);
    const points = trend.filter(r => inPeriod(v, r.period_start_date));
    document.querySelector('[data-testid="artist-trend-title"]').textContent = 'Streams and plays per ' + grain + ' (UTC)';
    // a period or two: the pair of bars side by side in the middle, not at the far ends of the axis
    const few = points.length < 4 ? 0.25 : 0.8;
    draw('chart-artist-trend', {
      type: 'bar',
      data: {
        labels: points.map(r => String(r.period_start_date).slice(0, grain === 'month' ? 7 : 10)),
        datasets: [
          { label: 'Streams', data: points.map(r => r.streams), backgroundColor: COLORS.play, maxBarThickness: 56, categoryPercentage: few },
          { label: 'Plays', data: points.map(r => r.plays), backgroundColor: COLORS.palette[1], maxBarThickness: 56, categoryPercentage: few }
        ]
      },
      options: { plugins: { legend: { position: 'bottom' } },
        scales: { x: { title: { display: true, text: grain + ' starting' } }, y: { beginAtZero: true, title: { display: true, text: 'streams and plays' } } } }
    });
  }

  /** Every view of the listening section for the current pick; a later pick wins over a slower earlier one. */
  async function showListening() {
    const v = view;
    renderPicker(v);
    const filter = periodFilter(v);
    const top = Object.assign({ limit: TOP_ROWS }, filter);
    const [artists, songs, totals, byCountry, byDevice, segments, heatmap, retention, skipCurve] = await Promise.all([
      listening('artists', top),
      listening('songs', top),
      listening('totals', filter),
      listening('minutes', Object.assign({ by: 'country' }, filter)),
      listening('minutes', Object.assign({ by: 'device' }, filter)),
      gold('listener_segments', { order: 'segment_date' }),
      gold('activity_heatmap', {}),
      gold('retention_cohorts', { order: 'cohort_week,week_number' }),
      gold('skip_curve', { device_type: 'all', order: 'bucket_start_seconds' })
    ]);
    if (v !== view) return;
    renderPeriodStats(totals[0] || {});
    renderPeriodTables(artists, songs);
    drawListeningTime(byCountry, byDevice);
    drawSegments(segments.filter(r => inPeriod(v, r.segment_date)));
    drawSkipCurve(skipCurve);
    renderHeatmap(heatmap, v.clock);
    renderRetention(retention);
    await showArtist(v);
    document.body.dataset.listening = address(v);
  }

  // ---- main ----------------------------------------------------------------------------------
  async function showOverview() {
    const [songs, devices, countries, hours, engagement, distribution, sessions, status] = await Promise.all([
      gold('top_songs', { order: 'rank' }),
      gold('engagement_by_device', {}),
      gold('engagement_by_country', {}),
      gold('engagement_by_hour', { order: 'event_hour' }),
      gold('user_engagement', {}),
      gold('event_type_distribution', { period_grain: 'hour', order: 'period_start_at' }),
      api('/api/v1/gold/listening_sessions?order=-session_start_at&limit=10').then(b => b.rows),
      api('/api/v1/pipeline/status')
    ]);
    renderHeadline(devices, engagement, songs);
    renderTopSongs(songs);
    renderSessions(sessions);
    renderHealth(status);
    drawTopSongs(songs.slice(0, 10));
    drawBreakdowns(countries, devices, hours);
    drawTrend(distribution);
  }

  /** Runs {@code work} with the page marked loading, then ready (or the error in the banner). */
  async function loading(work) {
    document.body.dataset.state = 'loading';
    try {
      await work();
      document.getElementById('error').hidden = true;
      document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      document.body.dataset.chartsReady = 'true';
      document.body.dataset.charts = String(Object.keys(charts).length);
      document.body.dataset.state = 'ready';
    } catch (error) {
      const banner = document.getElementById('error');
      banner.textContent = 'Cannot load the dashboard: ' + error.message;
      banner.hidden = false;
      document.body.dataset.state = 'error';
    }
  }

  function refresh() {
    return loading(() => Promise.all([showOverview(), showListening()]));
  }

  function refreshListening() {
    return loading(showListening);
  }

  /** The latest event's day (UTC), which an address without a start shows. */
  async function findLatestDay() {
    const status = await api('/api/v1/pipeline/status');
    latestDay = parseDay(String(status.latest_event_at || '').slice(0, 10));
  }

  function start() {
    if (typeof Chart === 'undefined') {
      document.getElementById('error').textContent = 'Chart.js did not load from /vendor/chart.umd.js.';
      document.getElementById('error').hidden = false;
      document.body.dataset.state = 'error';
      return;
    }
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#4a5563';
    wirePicker();
    document.getElementById('refresh').addEventListener('click', refresh);
    findLatestDay().catch(() => null).then(() => {
      view = viewFromAddress();
      // the address names the whole view from now on, so copying it shares exactly this view
      history.replaceState(null, '', address(view));
      refresh();
      setInterval(refresh, REFRESH_MS);
    });
  }

  // ---- every few seconds, apart from the charts: "complete through T, n s ago" and the health
  // panel's counts (the status is one cheap call; the charts read whole gold tables, every minute) ----
  const COMPLETENESS_MS = 2000;

  async function showCompleteness() {
    const line = document.getElementById('complete-through');
    try {
      const status = await api('/api/v1/pipeline/status');
      renderHealth(status);
      const completeness = status.completeness || {};
      const through = completeness.gold_complete_through;
      line.textContent = through
        ? 'complete through ' + new Date(through).toISOString().slice(11, 19) + ' UTC, ' + ago(through)
        : 'completeness not known yet';
      line.dataset.through = through || '';
    } catch (error) {
      line.textContent = '';
    }
  }

  // before any call: the status line's first call must already carry a token given in the link
  takeTokenFromFragment();
  document.addEventListener('DOMContentLoaded', () => {
    showCompleteness();
    setInterval(showCompleteness, COMPLETENESS_MS);
  });

  // counted so a test (and a curious person) can see that the content security policy blocked nothing
  document.addEventListener('securitypolicyviolation', event => {
    document.body.dataset.cspViolations = String(Number(document.body.dataset.cspViolations || 0) + 1);
    document.body.dataset.cspBlocked = event.violatedDirective + ' ' + event.blockedURI;
  });
  document.addEventListener('DOMContentLoaded', start);
}());
