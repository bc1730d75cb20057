'use strict';
// BullMQ's add rate without the harness's pipe: Queue.add in this process, by 1 and by 8 concurrent loops, each
// round N delayed jobs due an hour ahead (nothing fires), the first round of each kind a warm-up. Context for S1,
// whose BullMQ figures include the pipe from the harness to peer.js. On a Redis started as the peer starts it:
//
//   redis-server --bind 127.0.0.1 --port 6390 --dir "$(mktemp -d)" --appendonly yes --appendfsync everysec --save '' --hz 100
//   node bench/bullmq/add-rate.js --port 6390 --jobs 20000

const { parseArgs } = require('node:util');
const { performance } = require('node:perf_hooks');
const { Queue } = require('bullmq');

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    jobs: { type: 'string', default: '20000' },
  },
});

async function round(queue, producers, jobs) {
  const at = Date.now() + 3_600_000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: producers }, async () => {
      while (next < jobs) {
        const job = next++;
        const timestamp = Date.now();
        await queue.add('fire', { job, at }, { timestamp, delay: at - timestamp });
      }
    }),
  );
  return jobs / ((performance.now() - started) / 1000);
}

(async () => {
  const connection = { host: '127.0.0.1', port: Number(values.port), maxRetriesPerRequest: null };
  const queue = new Queue(`add-rate-${process.pid}`, { connection, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });
  const jobs = Number(values.jobs);
  for (const producers of [1, 8]) {
    await round(queue, producers, jobs);
    const rate = await round(queue, producers, jobs);
    console.log(`${producers} producer(s): ${Math.round(rate)} adds/s`);
  }

  await queue.obliterate({ force: true });
  await queue.close();
})();
