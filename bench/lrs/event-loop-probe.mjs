// Loaded into the measured server with `node --import` (event-loop.bench.ts): the server's own
// event-loop delay histogram (perf_hooks.monitorEventLoopDelay), printed on stderr as one line
// and reset each time the process receives SIGUSR2. A signal is handled on the event loop, so
// the line comes once the loop is free again: what was measured is complete.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const line = { max: ms(histogram.max), p99: ms(histogram.percentile(99)), p50: ms(histogram.percentile(50)), mean: ms(histogram.mean), samples: histogram.count };
  process.stderr.write(`[event-loop] ${JSON.stringify(line)}\n`);
  histogram.reset();
});
