/**
 * Data-free matching: finding the permutation of model B's hidden units that best aligns it with model A.
 * Every method implements {@link org.lmcx.match.Matcher}, takes a {@link org.lmcx.match.MatchContext} and
 * returns a {@link org.lmcx.match.MatchResult} whose objective and distances are computed the same way for all
 * of them ({@link org.lmcx.match.MatchingMath}); {@link org.lmcx.match.Matchers} is the registry by name.
 * {@link org.lmcx.match.LinearAssignment} is the exact assignment solver the methods share.
 */
package org.lmcx.match;
