import { Module } from '@nestjs/common';
import { CommandChannel } from './command-channel.mqtt';
import { CommandsController } from './commands.controller';
import { TwinCommandsService } from './twin-commands.service';
import { TwinChanges } from './twin-changes';

@Module({
  controllers: [CommandsController],
  providers: [CommandChannel, TwinChanges, TwinCommandsService],
  exports: [CommandChannel],
})
export class CommandsModule {}
