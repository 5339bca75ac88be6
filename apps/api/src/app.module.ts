import { Module, type DynamicModule } from '@nestjs/common';
import { DemoModule } from '@leadpath/demo';
import { PlatformModule, type Runtime } from '@leadpath/platform';

/** The whole API: the platform plus every feature module. */
@Module({})
export class AppModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(runtime), DemoModule],
    };
  }
}
