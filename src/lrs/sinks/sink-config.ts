/**
 * The forwarding sinks' settings as the LRS names them. Their schema is parsed at boot with the
 * rest of the configuration, so it lives in src/config/lrs-sinks.ts (the shared config layer
 * imports no feature); the LRS's modules keep importing it from here.
 */
export * from '../../config/lrs-sinks.js';
