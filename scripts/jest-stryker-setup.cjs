// Mutation run only (jest.stryker.config.js): under a mutant, a failed property is a killed mutant;
// shrinking its counterexample (fast-check's default) could take minutes and end as a timeout.
if (process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined) require('fast-check').configureGlobal({ endOnFailure: true });
