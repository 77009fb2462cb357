import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Pool } from 'pg';
import { type AssetModelView } from '@fleettwin/contracts';
import { loadAssetModel, type AssetModel } from '@fleettwin/dtdl';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import { AssetPolicies } from './asset-policies';

/** DTDL v3 asset models: uploaded, validated, and then the source of their assets' sensor ranges. */
@Controller('v1/models')
export class ModelsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool, private readonly policies: AssetPolicies) {}

  @Post()
  @HttpCode(201)
  async upload(@Body() document: unknown): Promise<AssetModelView> {
    const known = await this.knownDocuments();
    const loaded = loadAssetModel(document, { resolve: (dtmi) => known.get(dtmi) });
    if (!loaded.ok) throw new ApiError(400, 'INVALID_DTDL', `invalid DTDL model: ${loaded.issues[0]?.path}: ${loaded.issues[0]?.message}`, loaded.issues);
    await this.pool.query(
      `INSERT INTO asset_models (dtmi, document, model) VALUES ($1, $2, $3)
       ON CONFLICT (dtmi) DO UPDATE SET document = EXCLUDED.document, model = EXCLUDED.model, uploaded_at = now()`,
      [loaded.value.id, JSON.stringify(document), JSON.stringify(loaded.value)],
    );
    await this.policies.refresh();
    return toView(loaded.value);
  }

  @Get(':dtmi')
  async get(@Param('dtmi') dtmi: string): Promise<AssetModelView> {
    const { rows } = await this.pool.query<{ model: AssetModel }>('SELECT model FROM asset_models WHERE dtmi = $1', [dtmi]);
    const model = rows[0]?.model;
    if (!model) throw new ApiError(404, 'MODEL_NOT_FOUND', `no model ${dtmi}`);
    return toView(model);
  }

  private async knownDocuments(): Promise<Map<string, unknown>> {
    const { rows } = await this.pool.query<{ dtmi: string; document: unknown }>('SELECT dtmi, document FROM asset_models');
    return new Map(rows.map((r) => [r.dtmi, r.document]));
  }
}

function toView(model: AssetModel): AssetModelView {
  return { id: model.id, displayName: model.displayName, extends: [...model.extends], telemetry: model.telemetry.map((t) => ({ ...t })) };
}
