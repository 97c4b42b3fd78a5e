import { Module } from '@nestjs/common';
import { PageController } from './page.controller';

/** The live page's static files. */
@Module({ controllers: [PageController] })
export class PageModule {}
