/** Every TypeORM entity of every feature, for schema comparison (migration:generate, drift test). */
export const entities: (new () => unknown)[] = [];
