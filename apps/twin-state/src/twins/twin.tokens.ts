/** The configured fold (data-quality policy applied) and the sinks every twin change feeds. */
export const TWIN_EVOLVE = Symbol('TWIN_EVOLVE');
export const TWIN_SINKS = Symbol('TWIN_SINKS');
