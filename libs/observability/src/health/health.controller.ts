import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';

const CHECK_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** The process runs and its event loop answers. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  /** Every dependency this service needs answers (503 otherwise). */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map(
        (dependency) => () =>
          this.indicators
            .check(dependency.name)
            .attempt(({ signal }) => dependency.check(signal))
            .withTimeout(CHECK_TIMEOUT_MS),
      ),
    );
  }
}
