// Normalizes its argument to the matching key and prints it: "ＮＣＧ" -> "ncg".
#include <iostream>

#include "termbridge/text/normalize.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    return 2;
  }
  std::cout << termbridge::text::normalize(argv[1], termbridge::text::NormalForm::nfkc_cf) << '\n';
  return 0;
}
