package load

// FastFront is fastFront, for the tests of package load_test (which may
// import the fixture generator, itself an importer of load).
var FastFront = fastFront
