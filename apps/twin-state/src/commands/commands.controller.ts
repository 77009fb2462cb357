import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Pool } from 'pg';
import { AssetId, CommandRequest, describeIssues } from '@fleettwin/contracts';
import type { CommandIssued } from '@fleettwin/domain-twin';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import { TwinCommandsService } from './twin-commands.service';

@Controller('v1/twins/:assetId/commands')
export class CommandsController {
  constructor(private readonly commands: TwinCommandsService, @Inject(PG_POOL) private readonly pool: Pool) {}

  /** Records the desired state, sends the command to the asset over MQTT, answers 202 while it is pending. */
  @Post()
  @HttpCode(202)
  async issue(@Param('assetId') assetId: string, @Body() body: unknown, @Headers('x-actor') actor?: string): Promise<CommandIssued['data'] & { status: 'pending' }> {
    const id = AssetId.safeParse(assetId);
    if (!id.success) throw new ApiError(400, 'INVALID_ASSET_ID', id.error.issues[0]?.message ?? 'invalid assetId');
    const request = CommandRequest.safeParse(body);
    if (!request.success) {
      const details = describeIssues(request.error);
      throw new ApiError(400, 'INVALID_COMMAND', `invalid command: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const { rows } = await this.pool.query<{ tenant: string }>('SELECT tenant FROM twins WHERE asset_id = $1', [id.data]);
    const tenant = rows[0]?.tenant;
    if (!tenant) throw new ApiError(404, 'TWIN_NOT_FOUND', `no twin for asset ${id.data}`);
    const issued = await this.commands.issue(id.data, tenant, request.data, actor?.slice(0, 200) || 'unknown');
    return { ...issued, status: 'pending' };
  }
}
