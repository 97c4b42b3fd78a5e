import { Module } from '@nestjs/common';
import { BackofficeSessionController } from './backoffice-session.controller';

/** The back office's sign-in (POST /backoffice/session); its routes use @BackofficeAccess(). */
@Module({ controllers: [BackofficeSessionController] })
export class BackofficeSessionModule {}
