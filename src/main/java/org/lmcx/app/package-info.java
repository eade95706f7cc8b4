/**
 * The desktop app: JavaFX views and their view models (JabRef style). View models hold JavaFX properties and
 * reach the numeric core only through the task service, via {@link org.lmcx.app.FxTaskAdapter}, which
 * re-posts job events to the FX thread; what comes back are immutable result records of plain numbers.
 * Charts are built by {@code org.lmcx.render}, shared with the CLI's export.
 */
package org.lmcx.app;
