import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { loadPageAssets, PageAssetName } from './page.assets';

/** The live page: one HTML file, one ES module and the chart library. */
@Controller()
export class PageController {
  private readonly assets = loadPageAssets();

  @Get()
  page(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'index.html');
  }

  @Get('dashboard.js')
  script(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'dashboard.js');
  }

  @Get('vendor/chart.umd.min.js')
  chart(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'chart.umd.min.js');
  }

  /** The look the pages share (colours, font). */
  @Get('theme.css')
  theme(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'theme.css');
  }

  /** The helpers the pages' modules share (elements, platform names). */
  @Get('page-kit.js')
  pageKit(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'page-kit.js');
  }

  /** The public "was my donation counted" page; it asks GET /api/check (the check module). */
  @Get('check')
  check(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'check.html');
  }

  @Get('check.js')
  checkScript(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'check.js');
  }

  /** The charities' back office; its data (/backoffice/api) is behind the back-office guard. */
  @Get('backoffice')
  backoffice(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'backoffice.html');
  }

  @Get('backoffice.js')
  backofficeScript(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'backoffice.js');
  }

  @Get('backoffice-render.js')
  backofficeRender(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'backoffice-render.js');
  }

  private send(reply: FastifyReply, name: PageAssetName): FastifyReply {
    const { body, headers } = this.assets.get(name)!;
    return reply.headers(headers).send(body);
  }
}
