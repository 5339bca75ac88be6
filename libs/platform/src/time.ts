/** `@leadpath/platform/time`: the clock and the calendar. */
export * from './calendar';
export * from './clock';
