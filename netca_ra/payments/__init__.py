"""Payment adapters: online providers behind one interface (simulated built in), bank transfer."""
