export * from './channels';
export * from './duration';
export * from './fields';
export * from './ranking';
export * from './roles';
export * from './statuses';
export * from './tasks';
