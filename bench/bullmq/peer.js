'use strict';
// The benchmark's BullMQ peer: a BullMQ producer (Queue) and worker (Worker) in one Node.js process, driven by the
// harness (bench/TaskCenter.Benchmarks/Peers/BullMqPeer.cs) over JSON lines.
//
//   node peer.js --port 6379 --concurrency 100
//
// stdin, one command a line:
//   {"op":"once","id":7,"job":42,"at":1767225600000}        job 42 due at that unix time (ms): a delayed job
//   {"op":"every","id":8,"job":43,"first":…,"every":1000,"count":30}  a job scheduler (repeatable job)
//   {"op":"stop"}                                            close the worker (active jobs finish) and the queue, exit
// stdout, one event a line:
//   {"op":"ready"}                                           queue and worker connected
//   {"op":"done","id":7} / {"op":"failed","id":7,"error":"…"}  the answer to command 7, once Redis answered
//   {"op":"start","job":42,"due":…,"t":…}                    a job's handler started: its due time and the start (unix ms)
//   {"op":"stopped"}
// The end of stdin (the harness gone) stops the peer as "stop" does.

const { parseArgs } = require('node:util');
const { performance } = require('node:perf_hooks');
const readline = require('node:readline');
const { Queue, Worker } = require('bullmq');

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    concurrency: { type: 'string', default: '100' },
    queue: { type: 'string', default: 'bench' },
  },
});

// Loopback only; BullMQ requires maxRetriesPerRequest: null on the worker's blocking connection.
const connection = { host: '127.0.0.1', port: Number(values.port), maxRetriesPerRequest: null };

// Completed jobs are deleted, as BullMQ's guide advises for queues that must not grow without bound.
const jobOptions = { removeOnComplete: true, removeOnFail: true };

const queue = new Queue(values.queue, { connection, defaultJobOptions: jobOptions });

// Writes to a pipe are synchronous on Linux: lines are gathered and written once per turn of the event loop.
let pending = [];
function send(event) {
  if (pending.length === 0) {
    setImmediate(flush);
  }
  pending.push(JSON.stringify(event));
}
function flush() {
  if (pending.length > 0) {
    process.stdout.write(pending.join('\n') + '\n');
    pending = [];
  }
}

/** Unix time in ms with a fractional part: the wall clock at start-up plus a monotonic clock since. */
function now() {
  return performance.timeOrigin + performance.now();
}

const worker = new Worker(
  values.queue,
  async (job) => {
    const started = now();
    send({ op: 'start', job: job.data.job, due: dueOf(job), t: started });
  },
  { connection, concurrency: Number(values.concurrency) },
);
worker.on('error', (error) => process.stderr.write(`worker error: ${error.message}\n`));

/**
 * When the job was due: a one-shot carries it in its data; a scheduler's job id is "repeat:<scheduler>:<due ms>" and
 * its data is the scheduler's template.
 */
function dueOf(job) {
  return job.data.at ?? Number(job.id.slice(job.id.lastIndexOf(':') + 1));
}

function add(command) {
  if (command.op === 'once') {
    // The timestamp is given, so that timestamp + delay, BullMQ's due time, is exactly the harness's.
    const timestamp = Date.now();
    return queue.add('fire', { job: command.job, at: command.at }, { timestamp, delay: Math.max(0, command.at - timestamp) });
  }

  if (command.op === 'every') {
    return queue.upsertJobScheduler(
      `job-${command.job}`,
      { every: command.every, startDate: command.first, limit: command.count },
      { name: 'fire', data: { job: command.job }, opts: jobOptions },
    );
  }

  return Promise.reject(new Error(`unknown op ${command.op}`));
}

let stopping;
function stop() {
  stopping ??= (async () => {
    await worker.close();
    await queue.close();
    send({ op: 'stopped' });
    flush();
    process.exit(0);
  })();
  return stopping;
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on('line', (line) => {
  const command = JSON.parse(line);
  if (command.op === 'stop') {
    stop();
    return;
  }

  add(command).then(
    () => send({ op: 'done', id: command.id }),
    (error) => send({ op: 'failed', id: command.id, error: error.message }),
  );
});
input.on('close', stop);

Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]).then(
  () => send({ op: 'ready' }),
  (error) => {
    process.stderr.write(`could not connect to Redis on port ${values.port}: ${error.message}\n`);
    process.exit(1);
  },
);
