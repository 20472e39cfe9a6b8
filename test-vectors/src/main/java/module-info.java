/**
 * Known-answer and cross-module conformance tests. The module has no main code and exports
 * nothing; its tests live under src/test and may use every jtls module.
 */
module org.jtls.vectors {
}
