/** The API is all an application reads: the implementation and the features are found at run time. */
module example.consumer {
    requires io.hakmem;
}
