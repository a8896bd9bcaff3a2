package dev.mcplambda.bench; final class Placeholder {}
