#!/usr/bin/node
// Node's `ws` package against ctp, in both directions: a ws client drives the ctp WebSocket server,
// and ctp::WebSocketClient drives a ws echo server.
// Setup once: (cd tests/live_server/peers && npm install --no-package-lock)
// Usage: tests/live_server/peers/ws_node.js /tmp/ctp_peer   (build the binary as described in peer.cpp)
'use strict';
const { spawn } = require('child_process');
const readline = require('readline');
const path = require('path');
const { WebSocket, WebSocketServer } = require(path.join(__dirname, 'node_modules', 'ws'));

const binary = process.argv[2];
let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures++;
}

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + what)), ms))]);
}

function startPeer() {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const [word, port] = line.split(' ');
      if (word !== 'PORT') reject(new Error('peer did not report its port'));
      resolve({ child, port: Number(port) });
    });
  });
}

function open(url, protocols) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { maxPayload: 16 * 1024 * 1024 });
    const queue = [];
    const waiters = [];
    ws.on('message', (data, isBinary) => {
      const message = { data, isBinary };
      if (waiters.length) waiters.shift()(message); else queue.push(message);
    });
    ws.next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r)));
    ws.closed = new Promise((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function clientAgainstCtp(port) {
  const base = `ws://127.0.0.1:${port}`;
  const ws = await open(base + '/ws/echo/');
  ws.send('hello');
  let m = await ws.next();
  check(!m.isBinary && m.data.toString() === 'hello', 'text echo');
  for (const size of [125, 126, 65535, 64 * 1024, 1024 * 1024]) {
    const payload = Buffer.alloc(size);
    for (let i = 0; i < size; i++) payload[i] = i % 251;
    ws.send(payload);
    m = await ws.next();
    check(m.isBinary && Buffer.compare(m.data, payload) === 0, `binary echo of ${size} bytes`);
  }
  ws.send('frag', { fin: false });
  ws.send('men', { fin: false });
  ws.send('ted', { fin: true });
  m = await ws.next();
  check(m.data.toString() === 'fragmented', 'fragmented message reassembled');
  const pong = new Promise((r) => ws.once('pong', r));
  ws.ping('are you there');
  check((await pong).toString() === 'are you there', 'ping answered with pong');
  ws.close(4000, 'client done');
  check((await ws.closed).code === 4000, 'close handshake echoes 4000');

  const fragments = await open(base + '/ws/fragments');
  check((await fragments.next()).data.toString() === 'fragmented', 'fragmented message from the server');
  fragments.close();

  const closing = await open(base + '/ws/close/4001');
  const closed = await closing.closed;
  check(closed.code === 4001 && closed.reason === 'server says bye', 'server-initiated close 4001 with reason');

  const small = await open(base + '/ws/small');
  small.send('x'.repeat(2000));
  check((await small.closed).code === 1009, '1009 for a message over max_message_size');

  const proto = await open(base + '/ws/proto', ['chat.v1', 'chat.v2']);
  check(proto.protocol === 'chat.v2' && (await proto.next()).data.toString() === 'chat.v2', 'subprotocol chosen by server preference');
  proto.close();

  const raw = await open(base + '/ws/echo/');
  raw._socket.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));  // unmasked client frame
  check((await raw.closed).code === 1002, 'unmasked client frame closed with 1002');

  const badUtf8 = await open(base + '/ws/echo/');
  badUtf8.send(Buffer.from([0xc0, 0xaf]), { binary: false });
  check((await badUtf8.closed).code === 1007, 'invalid UTF-8 text closed with 1007');
}

async function ctpClientAgainstNode() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 16 * 1024 * 1024 });
  await new Promise((r) => server.once('listening', r));
  server.on('connection', (ws, request) => {
    if (request.url === '/close') return ws.close(4001, 'bye');
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  const child = spawn(binary, ['ws-client', `ws://127.0.0.1:${server.address().port}/`], { stdio: 'inherit' });
  const code = await new Promise((r) => child.on('exit', r));
  check(code === 0, 'ctp::WebSocketClient against a ws echo server');
  server.close();
  for (const client of server.clients) client.terminate();
}

(async () => {
  const peer = await startPeer();
  try {
    await withTimeout(clientAgainstCtp(peer.port), 60000, 'client against ctp');
  } catch (error) {
    check(false, String(error));
  }
  peer.child.stdin.end();
  await withTimeout(ctpClientAgainstNode(), 60000, 'ctp client against node').catch((e) => check(false, String(e)));
  console.log(`${failures} failed`);
  process.exit(failures ? 1 : 0);
})();
