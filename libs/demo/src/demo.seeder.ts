import { Injectable } from '@nestjs/common';

@Injectable()
export class DemoSeeder {
  async seedIfEmpty(): Promise<string[] | undefined> {
    return undefined;
  }
}
