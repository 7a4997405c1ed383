// pingpong.js - the same ping-pong in Node: async functions and a
// capacity-1 channel written the usual way (a queue of items and a queue
// of waiting resolvers).  Usage: node pingpong.js ROUNDS PAIRS
'use strict';

class Chan {
	constructor(cap) { this.cap = cap; this.items = []; this.recvq = []; this.sendq = []; }
	send(v) {
		if (this.recvq.length) { this.recvq.shift()(v); return Promise.resolve(); }
		if (this.items.length < this.cap) { this.items.push(v); return Promise.resolve(); }
		return new Promise((res) => this.sendq.push([v, res]));
	}
	recv() {
		if (this.items.length) {
			const v = this.items.shift();
			if (this.sendq.length) { const [w, res] = this.sendq.shift(); this.items.push(w); res(); }
			return Promise.resolve(v);
		}
		return new Promise((res) => this.recvq.push(res));
	}
}

async function pinger(ping, pong, rounds) {
	let v = 0;
	for (let i = 0; i < rounds; i++) { await ping.send(v); v = await pong.recv(); }
	return v === rounds ? 0 : -1;
}

async function ponger(ping, pong, rounds) {
	for (let i = 0; i < rounds; i++) { const v = await ping.recv(); await pong.send(v + 1); }
	return 0;
}

async function main() {
	const rounds = Number(process.argv[2] || 1000), pairs = Number(process.argv[3] || 1000);
	const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
	const all = [];
	for (let i = 0; i < pairs; i++) {
		const a = new Chan(1), b = new Chan(1);
		all.push(pinger(a, b, rounds), ponger(a, b, rounds));
	}
	const r = await Promise.all(all);
	const c1 = process.cpuUsage(c0), t1 = process.hrtime.bigint();
	const n = 2 * rounds * pairs;
	const ok = r.every((x) => x === 0);
	console.log((Number(t1 - t0) / n).toFixed(3), ((c1.user + c1.system) * 1000 / n).toFixed(3),
		ok ? rounds * pairs : -1);
}
main();
