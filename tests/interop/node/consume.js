// A consumer that knows nothing of TaskCenter but its documented AMQP contract (docs/rabbitmq.md):
// declares its own queue, binds it to one tag (task name) of the exchange, reads one message, prints it as JSON, acks.
// Usage: node consume.js <amqp-url> <exchange> <tag>
// Prints {"ready":true} once bound, then {"message_id", "routing_key", "delivery_mode", "headers", "body"}.
'use strict';
const amqp = require('amqplib');

function plain(value) {
  return Buffer.isBuffer(value) ? value.toString('utf8') : value;
}

async function main() {
  const [url, exchange, tag] = process.argv.slice(2);
  if (!url || !exchange || !tag) {
    throw new Error('usage: node consume.js <amqp-url> <exchange> <tag>');
  }

  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, exchange, tag);
  console.log(JSON.stringify({ ready: true }));

  await new Promise((resolve, reject) => {
    channel.consume(queue, (message) => {
      try {
        const headers = {};
        for (const [name, value] of Object.entries(message.properties.headers || {})) {
          headers[name] = plain(value);
        }
        console.log(JSON.stringify({
          message_id: message.properties.messageId,
          routing_key: message.fields.routingKey,
          delivery_mode: message.properties.deliveryMode,
          headers,
          body: message.content.toString('utf8'),
        }));
        channel.ack(message);
        resolve();
      } catch (error) {
        reject(error);
      }
    }, { noAck: false }).catch(reject);
  });

  await channel.close();
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
