import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ErrorBodySchema } from '@donations/contracts';

/** Where a named view's JSON schema sits in an OpenAPI document. */
export const componentRef = (id: string): string => `#/components/schemas/${id}`;

/** The name a contract gives its view (`.meta({ id })`); a documented view must have one. */
export function viewId(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (id === undefined) throw new Error('an HTTP view schema needs .meta({ id })');
  return id;
}

export interface ApiViewOptions {
  readonly status?: number;
  readonly description: string;
  /** The answer is a JSON array of the view. */
  readonly isArray?: boolean;
}

/**
 * A route's answer, documented by its zod contract: the document's component of that name is
 * generated from the same schema the client parses with (see buildApiDocument).
 */
export function ApiView(schema: z.ZodType, options: ApiViewOptions): MethodDecorator {
  const ref = { $ref: componentRef(viewId(schema)) };
  return ApiResponse({
    status: options.status ?? 200,
    description: options.description,
    schema: options.isArray === true ? { type: 'array', items: ref } : ref,
  });
}

/** An error answer: the shared `{code, message, errorId?}` body. */
export const ApiErrorAnswer = (
  status: number,
  description: string,
): MethodDecorator & ClassDecorator =>
  ApiResponse({ status, description, schema: { $ref: componentRef(viewId(ErrorBodySchema)) } });
