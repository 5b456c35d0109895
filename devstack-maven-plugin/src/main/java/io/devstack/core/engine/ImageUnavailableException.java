package io.devstack.core.engine;

/** An image is neither present locally nor pullable. */
public class ImageUnavailableException extends EngineException {
    private final String image;

    public ImageUnavailableException(String image, String message) {
        super(message);
        this.image = image;
    }

    public String image() {
        return image;
    }
}
