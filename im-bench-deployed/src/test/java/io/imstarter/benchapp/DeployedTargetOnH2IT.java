package io.imstarter.benchapp;

/** The deployed target on its default database, an H2 file. */
class DeployedTargetOnH2IT extends DeployedTarget {

    @Override
    String expectedDatabase() {
        return "H2";
    }
}
