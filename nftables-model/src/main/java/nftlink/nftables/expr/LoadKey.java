package nftlink.nftables.expr;

/** A {@link KernelEnum} whose constants name what an expression loads into a register. */
interface LoadKey extends KernelEnum {

    /**
     * How many register bytes a load fills.
     *
     * @return the length in bytes
     */
    default int length() {
        return kernelName().length();
    }
}
