/*
 * Prometheus metrics of the gateway: request counts and durations by route and status, and the
 * default process metrics, served at /metrics.
 */
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The gateway's metrics. */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** Observes every request's duration and outcome. */
  readonly middleware: RequestHandler;
  /** Serves the registry in the Prometheus text format. */
  readonly handler: RequestHandler;
}

/** A fresh registry with the gateway's metrics. */
export function newGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'deuro_gateway_' });
  const requests = new Counter({
    name: 'deuro_gateway_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'deuro_gateway_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    middleware: (req, res, next) => {
      const end = duration.startTimer();
      res.on('finish', () => {
        // The matched route pattern, not the raw path, keeps label values bounded.
        const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
        requests.inc({ method: req.method, route, status: String(res.statusCode) });
        end({ method: req.method, route });
      });
      next();
    },
    handler: (_req, res, next) => {
      registry
        .metrics()
        .then((text) => {
          res.type(registry.contentType).send(text);
        })
        .catch(next);
    },
  };
}
