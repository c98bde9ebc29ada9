package analogsweep.model;

import ai.djl.nn.SequentialBlock;

/**
 * Makes the network of one model kind from its parts. The analog chain is already placed in the
 * parts ({@link NetworkParts#sites()}); a builder puts weight layers where the architecture has
 * them and hands each the chain, and the facade ({@link AnalogNetworks}) adds the input-image
 * chain in front where the placement asks for it.
 */
public interface ModelBuilder {
  /** The network, uninitialised; it takes (batch, channels, height, width) images. */
  SequentialBlock build(NetworkParts parts);
}
