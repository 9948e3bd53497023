#!/usr/bin/env node
/* global process, console */
// Reads the log lines every test app of a suite run wrote (TEST_LOG_FILE, see README "Operations: metrics and logs") and
// fails when one is not a JSON object or carries a token or secret: anything shaped like a JWT
// (every bearer token the tests send is one), the tests' signing secret, or a broker URL with its
// password. Run by .ci/run.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/check-logs.mjs <log file>');
  process.exit(2);
}
const SECRETS = ['test-secret-0123456789abcdef'];
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\./;
// A broker URL with its password in it (the AMQP publisher logs it as amqp://user:***@host).
const AMQP_PASSWORD = /amqps?:\/\/[^:/@\s"]*:(?!\*\*\*@)[^@\s"]+@/;
let text;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`check-logs: cannot read ${file}: ${error.message}`);
  process.exit(1);
}
const lines = text.split('\n').filter(Boolean);
const problems = [];
let requests = 0;
lines.forEach((line, i) => {
  let record;
  try {
    record = JSON.parse(line);
  } catch {
    problems.push(`line ${i + 1} is not JSON: ${line.slice(0, 120)}`);
    return;
  }
  if (record === null || typeof record !== 'object' || typeof record.level !== 'string') problems.push(`line ${i + 1} is not a log record`);
  if (typeof record.requestId === 'string' && typeof record.status === 'number') requests++;
  if (JWT.test(line)) problems.push(`line ${i + 1} holds a JWT: ${line.slice(0, 160)}`);
  if (AMQP_PASSWORD.test(line)) problems.push(`line ${i + 1} holds a broker URL with its password`);
  for (const secret of SECRETS) if (line.includes(secret)) problems.push(`line ${i + 1} holds the tests' JWT secret`);
});
if (lines.length === 0 || requests === 0) problems.push(`${file} holds no request line: the test apps logged nothing`);
for (const p of problems.slice(0, 20)) console.error(`check-logs: ${p}`);
if (problems.length > 0) {
  console.error(`check-logs: ${problems.length} problems in ${lines.length} lines of ${file}`);
  process.exit(1);
}
console.log(`check-logs: ${lines.length} lines (${requests} requests) from the suite's test apps, every one JSON, no token or secret`);
