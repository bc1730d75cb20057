// Signs or verifies one message with the npm standardwebhooks package, for TaskCenter's signature tests.
// Reads one JSON object from standard input and writes one to standard output:
//   {"op":"sign","secret":"whsec_…","id":"…","timestamp":1767225600,"body":"…"}  -> {"signature":"v1,…"}
//   {"op":"verify","secret":"whsec_…","id":"…","timestamp":"…","signature":"…","body":"…"} -> {"ok":true} or {"ok":false,"error":"…"}
'use strict';
const { Webhook } = require('standardwebhooks');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const command = JSON.parse(input);
  const webhook = new Webhook(command.secret.replace(/^whsec_/, ''));
  if (command.op === 'sign') {
    const signature = webhook.sign(command.id, new Date(command.timestamp * 1000), command.body);
    process.stdout.write(JSON.stringify({ signature }) + '\n');
    return;
  }

  try {
    webhook.verify(command.body, {
      'webhook-id': command.id,
      'webhook-timestamp': command.timestamp,
      'webhook-signature': command.signature,
    });
    process.stdout.write(JSON.stringify({ ok: true }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error.message || error) }) + '\n');
  }
});
