import { Module } from '@nestjs/common';
import { AssetRegistryService } from './asset-registry.service';
import { AssetsController } from './assets.controller';
import { ModelsController } from './models.controller';

@Module({ controllers: [AssetsController, ModelsController], providers: [AssetRegistryService] })
export class AssetsModule {}
