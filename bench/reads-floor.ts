/**
 * The bare floor of `bench:reads` (issue 20, item 7): a `node:http` server on a `pg` Pool that
 * answers the four supplier reads with the same SQL statements the service runs for them, in the
 * same number of round trips, after verifying the bearer token (HS256 with node:crypto, its
 * expiry checked) and JSON-encoding a body of the same shape. What a request costs when nothing
 * but the database, the token and the encoding is paid for.
 *   DATABASE_URL=... PORT=... JWT_SECRET=... node dist/bench/reads-floor.js
 * The statements are copied from the service (read with `log_statement = 'all'` on a scratch
 * database): when a repository changes its SQL, change it here too.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import pg from 'pg';

import { SUPPLIER } from './supplier-statement.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const secret = Buffer.from(process.env.JWT_SECRET ?? '', 'utf8');

/** The principal of a valid HS256 token, or null. */
function verify(header: string | undefined): { sub: string; role: string } | null {
  if (!header?.startsWith('Bearer ')) return null;
  const [head, payload, signature] = header.slice(7).split('.');
  if (!head || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if ((JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string }).alg !== 'HS256') return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string; role: string; exp: number };
  return typeof claims.exp === 'number' && claims.exp > Date.now() / 1000 ? claims : null;
}

// The statements, as the service sends them (see the header).
const POLICY = `SELECT category, version, positive_min_rating, windows, evaluation_windows, min_reviews, rate_method, confidence,
  reward_threshold, admission_threshold, penalty_threshold, delist_threshold, probation_days, reinstate_margin, readmission_cooldown_days,
  audit_pass_score, audit_negative_rate, audit_shift_threshold, audit_checklist, complaint_response_hours, complaint_resolution_hours,
  complaint_window_days, min_orders, complaint_rate_threshold, appeal_window_days, appeal_decision_hours, aspects, auto_exclusion,
  created_by, created_at FROM policies WHERE category = $1 ORDER BY version DESC LIMIT 1`;
const WINDOW_COUNTS = `SELECT supplier_id, COALESCE(SUM(n) FILTER (WHERE day >= $3::date - $5::int), 0)::int AS n0,
              COALESCE(SUM(n) FILTER (WHERE day >= $3::date - $5::int AND rating >= $2), 0)::int AS p0,
              COALESCE(SUM(n) FILTER (WHERE day >= $3::date - $6::int), 0)::int AS n1,
              COALESCE(SUM(n) FILTER (WHERE day >= $3::date - $6::int AND rating >= $2), 0)::int AS p1,
              COALESCE(SUM(n) FILTER (WHERE day >= $3::date - $7::int), 0)::int AS n2,
              COALESCE(SUM(n) FILTER (WHERE day >= $3::date - $7::int AND rating >= $2), 0)::int AS p2,
              SUM(n)::int AS n3, COALESCE(SUM(n) FILTER (WHERE rating >= $2), 0)::int AS p3
         FROM review_daily_rollups
        WHERE supplier_id = ANY(CAST((SELECT string_to_array($1, ',')::uuid[]) AS uuid[])) AND day >= $3::date - $4::int AND day < $3::date
        GROUP BY supplier_id`;
const COMPLAINTS = `WITH o AS (SELECT v.supplier_id, sum(v.orders)::bigint AS orders
                    FROM order_volumes v
                   WHERE v.supplier_id = ANY(CAST((SELECT string_to_array($1, ',')::uuid[]) AS uuid[])) AND v.day >= $2::date AND v.day < $3::date
                   GROUP BY v.supplier_id),
            c AS (SELECT c.supplier_id, count(*)::int AS supplier_fault
                    FROM complaints c
                   WHERE c.supplier_id = ANY(CAST((SELECT string_to_array($1, ',')::uuid[]) AS uuid[])) AND c.fault = 'SUPPLIER'
                     AND c.opened_at >= $4::timestamptz AND c.opened_at < $5::timestamptz AND c.resolved_at < $5::timestamptz
                   GROUP BY c.supplier_id)
       SELECT COALESCE(o.supplier_id, c.supplier_id) AS supplier_id, COALESCE(o.orders, 0) AS orders, COALESCE(c.supplier_fault, 0) AS supplier_fault
         FROM o FULL JOIN c ON c.supplier_id = o.supplier_id`;
const DECISIONS = `SELECT d.id, d.seq, d.supplier_id, d.kind, d.from_status, d.to_status, to_char(d.as_of, 'YYYY-MM-DD') AS as_of, d.policy_version,
              d.evidence, d.reason, d.next_step, d.actor, d.run_id, d.created_at, ev_s.window_days AS ev_window_days, ev_s.n AS ev_n, ev_s.positives AS ev_positives, ev_s.raw_rate AS ev_raw_rate,
  ev_s.wilson_lower AS ev_wilson_lower, ev_s.rate AS ev_rate, ev_s.tier AS ev_tier, ev_p.rate_method AS ev_rate_method,
  ev_p.reward_threshold AS ev_reward_threshold, ev_p.admission_threshold AS ev_admission_threshold, ev_p.penalty_threshold AS ev_penalty_threshold,
  ev_p.delist_threshold AS ev_delist_threshold, ev_p.reinstate_margin AS ev_reinstate_margin, ev_p.min_reviews AS ev_min_reviews,
  ev_p.positive_min_rating AS ev_positive_min_rating
         FROM decisions d JOIN suppliers x ON x.id = d.supplier_id
              LEFT JOIN score_snapshots ev_s ON d.evidence IS NULL AND d.run_id IS NOT NULL
                                    AND ev_s.as_of = d.as_of AND ev_s.supplier_id = d.supplier_id
          LEFT JOIN policies ev_p ON ev_s.supplier_id IS NOT NULL AND ev_p.category = x.category AND ev_p.version = d.policy_version
        WHERE d.supplier_id = $1 AND ($2::bigint IS NULL OR d.seq < $2)
        ORDER BY d.seq DESC LIMIT $3`;
const HISTORY = `SELECT to_char(s.as_of, 'YYYY-MM-DD') AS as_of, s.window_days, s.n, s.positives, s.rate, s.tier,
              COALESCE(d.to_status, 'APPLICANT') AS status
         FROM generate_series($2::date, $3::date, interval '1 day') AS g(day)
         JOIN score_snapshots s ON s.as_of = g.day::date AND s.supplier_id = $1
         LEFT JOIN LATERAL (
              SELECT x.to_status FROM decisions x
               WHERE x.supplier_id = s.supplier_id AND x.created_at <= s.created_at
               ORDER BY x.seq DESC LIMIT 1) d ON true
        ORDER BY s.as_of`;

type Row = Record<string, unknown>;
const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString() : null);
const addDays = (date: string, days: number): string => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

function supplierBody(r: Row): Row {
  return {
    id: r.id,
    externalRef: r.external_ref,
    name: r.name,
    category: r.category,
    city: r.city,
    themes: r.themes,
    status: r.status,
    tier: r.tier,
    probationEndsAt: r.probation_ends_at ?? null,
    holdUntil: r.hold_until ?? null,
    auditFailedOn: r.audit_failed_on ?? null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The supplier row, or an answer already sent (404). */
async function supplierOr404(id: string, res: ServerResponse): Promise<Row | null> {
  const { rows } = await pool.query<Row>(SUPPLIER, [id]);
  if (rows.length === 0) send(res, 404, { status: 404, title: 'Not Found' });
  return rows[0] ?? null;
}

async function scorecard(id: string, asOf: string, res: ServerResponse): Promise<void> {
  const supplier = await supplierOr404(id, res);
  if (!supplier) return;
  const policy = (await pool.query<Row>(POLICY, [supplier.category])).rows[0];
  const windows = policy.windows as number[];
  const positiveMin = policy.positive_min_rating as number;
  const counts =
    (await pool.query<Row>(WINDOW_COUNTS, [id, positiveMin, asOf, windows[3], windows[0], windows[1], windows[2]])).rows[0] ?? {};
  const complaintDays = policy.complaint_window_days as number;
  const from = addDays(asOf, -complaintDays);
  const complaints = (await pool.query<Row>(COMPLAINTS, [id, from, asOf, `${from} 00:00:00+00`, `${asOf} 00:00:00+00`])).rows[0] ?? {};
  const stats = windows.map((days, i) => {
    const n = Number(counts[`n${i}`] ?? 0);
    const positives = Number(counts[`p${i}`] ?? 0);
    return { days, n, positives, rawRate: n ? positives / n : null, wilsonLower: n ? positives / n : null };
  });
  const deciding = stats[1];
  send(res, 200, {
    supplierId: id,
    asOf,
    policyVersion: policy.version,
    windows: stats,
    evaluation: {
      windowDays: deciding.days,
      rate: deciding.rawRate,
      tier: 'GOOD',
      rateMethod: policy.rate_method,
      n: deciding.n,
    },
    complaints: {
      windowDays: complaintDays,
      orders: Number(complaints.orders ?? 0),
      supplierFault: complaints.supplier_fault ?? 0,
      rate: null,
    },
  });
}

async function decisions(id: string, res: ServerResponse): Promise<void> {
  if (!(await supplierOr404(id, res))) return;
  const { rows } = await pool.query<Row>(DECISIONS, [id, null, 51]);
  const items = rows.slice(0, 50).map((d) => ({
    id: d.id,
    supplierId: d.supplier_id,
    kind: d.kind,
    fromStatus: d.from_status,
    toStatus: d.to_status,
    asOf: d.as_of,
    policyVersion: d.policy_version,
    evidence: d.evidence ?? {
      windowDays: d.ev_window_days,
      n: d.ev_n,
      positives: d.ev_positives,
      rawRate: d.ev_raw_rate,
      wilsonLower: d.ev_wilson_lower,
      rate: d.ev_rate,
      rateMethod: d.ev_rate_method,
      tier: d.ev_tier,
      thresholds: {
        reward: d.ev_reward_threshold,
        admission: d.ev_admission_threshold,
        penalty: d.ev_penalty_threshold,
        delist: d.ev_delist_threshold,
        reinstate: d.ev_reinstate_margin,
      },
      minReviews: d.ev_min_reviews,
      positiveMinRating: d.ev_positive_min_rating,
    },
    reason: d.reason,
    nextStep: d.next_step,
    actor: d.actor,
    createdAt: iso(d.created_at),
  }));
  send(res, 200, { items, nextCursor: rows.length > 50 ? String(rows[49].seq) : null });
}

async function history(id: string, from: string, to: string, res: ServerResponse): Promise<void> {
  if (!(await supplierOr404(id, res))) return;
  const { rows } = await pool.query<Row>(HISTORY, [id, from, to]);
  const items = rows.map((r) => ({
    asOf: r.as_of,
    windowDays: r.window_days,
    n: r.n,
    positives: r.positives,
    rate: r.rate,
    tier: r.tier,
    status: r.status,
  }));
  send(res, 200, { supplierId: id, from, to, items });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const ROUTE = /^\/v1\/suppliers\/([0-9a-f-]{36})(\/scorecard|\/decisions|\/history)?$/;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://floor');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  if (!verify(req.headers.authorization)) return send(res, 401, { status: 401, title: 'Unauthorized' });
  const match = ROUTE.exec(url.pathname);
  if (req.method !== 'GET' || !match) return send(res, 404, { status: 404, title: 'Not Found' });
  const [, id, tail] = match;
  const today = new Date().toISOString().slice(0, 10);
  if (tail === '/scorecard') return scorecard(id, url.searchParams.get('asOf') ?? today, res);
  if (tail === '/decisions') return decisions(id, res);
  if (tail === '/history')
    return history(id, url.searchParams.get('from') ?? addDays(today, -89), url.searchParams.get('to') ?? today, res);
  const supplier = await supplierOr404(id, res);
  if (supplier) send(res, 200, supplierBody(supplier));
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { status: 500, title: String(error) });
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
// An orderly exit, so that `--cpu-prof` (BENCH_NODE_ARGS) writes its profile.
process.once('SIGTERM', () => process.exit(0));
