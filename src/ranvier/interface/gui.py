"""`from neuron import gui`: headless here; graphics come with ranvier.graphics."""
