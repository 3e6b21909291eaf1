import type { Response } from 'express';
import type { AppContext } from '../../app-context.js';
import type { LrsPrincipal } from '../credentials/lrs-principal.js';
import type { XapiMethod, XapiRequest } from './xapi-request.js';

/** One method of one LRS resource. HEAD is served by GET (Node sends no body for HEAD). */
export type XapiHandler = (ctx: AppContext, req: XapiRequest, principal: LrsPrincipal, res: Response) => Promise<void>;

export type XapiResource = Partial<Record<Exclude<XapiMethod, 'HEAD'>, XapiHandler>>;
